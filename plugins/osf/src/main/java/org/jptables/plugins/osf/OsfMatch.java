package org.jptables.plugins.osf;

import java.util.List;
import org.jptables.api.Constraints;
import org.jptables.api.Effects;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.OsFingerprint;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_osf's match (nf_osf_match): a TCP packet with SYN set is compared with each fingerprint the
 * host has loaded with the packet's DF flag, in load order; the match holds when one of the rule's
 * genre fits. With {@code --log} the genre is not looked at: every fitting fingerprint is logged
 * (only the first with level 1) and any fit makes the match hold; a SYN that fits none is logged
 * as unknown. As in Linux 6.x, {@code !} before {@code --genre} is listed and saved but changes
 * nothing: the kernel never reads XT_OSF_INVERT.
 *
 * @param genre    the genre compared (strcmp: exact, case-sensitive)
 * @param inverted whether {@code !} was given (kept for listing and saving only)
 * @param ttlMode  {@code --ttl}: {@link #TTL_EQUAL}, {@link #TTL_NOT_ABOVE}, {@link #TTL_IGNORED}, or
 *                 {@link #UNSET} (compared as TTL_EQUAL, not saved)
 * @param logLevel {@code --log}: {@link #LOG_ALL}, {@link #LOG_FIRST}, {@link #LOG_ALL_KNOWN}, or UNSET
 */
record OsfMatch(String genre, boolean inverted, int ttlMode, int logLevel) implements Match {
    static final int UNSET = -1;
    /** XT_OSF_TTL_TRUE: the packet's TTL is the fingerprint's (the default). */
    static final int TTL_EQUAL = 0;
    /** XT_OSF_TTL_LESS: the packet's TTL is at most the fingerprint's. */
    static final int TTL_NOT_ABOVE = 1;
    /** XT_OSF_TTL_NOCHECK. */
    static final int TTL_IGNORED = 2;
    /** XT_OSF_LOGLEVEL_ALL: every fitting fingerprint, or the unknown line. */
    static final int LOG_ALL = 0;
    /** XT_OSF_LOGLEVEL_FIRST. */
    static final int LOG_FIRST = 1;
    /** XT_OSF_LOGLEVEL_ALL_KNOWN (the kernel logs unknown SYNs at this level too). */
    static final int LOG_ALL_KNOWN = 2;

    /** nf_log_packet without loginfo: nf_log_syslog's default_loginfo, level notice ... */
    private static final int LOG_LEVEL = 5;
    /** ... and NF_LOG_DEFAULT_MASK: TCP sequence, TCP options, IP options, uid. */
    private static final int LOG_FLAGS = Effects.LOG_TCP_SEQUENCE | Effects.LOG_TCP_OPTIONS
            | Effects.LOG_IP_OPTIONS | Effects.LOG_UID;
    /** NF_LOG_PREFIXLEN: nf_log_packet formats its text into 128 bytes. */
    private static final int PREFIX_MAX = 127;
    private static final int TCP_HEADER = 20;
    private static final int SYN = 0x02;

    @Override
    public boolean matches(Packet p) {
        int tcp = p.transportOffset();
        int flags = p.u8(tcp + 13);
        int doff = p.u8(tcp + 12);
        if (p.u16(tcp + 18) < 0 || (flags & SYN) == 0) {   // no whole TCP header, or not a SYN
            return false;
        }
        int optionsSize = Math.max(0, (doff >>> 4) * 4 - TCP_HEADER);
        if (optionsSize > 0 && p.u8(tcp + TCP_HEADER + optionsSize - 1) < 0) {
            return false;   // the options are cut off: the kernel gives up on the packet
        }
        List<OsFingerprint> fingerprints = p.osFingerprints(p.dontFragment());
        boolean logging = logLevel != UNSET;
        int ttlCheck = ttlMode == UNSET ? TTL_EQUAL : ttlMode;
        int found = 0;
        for (int i = 0; i < fingerprints.size(); i++) {
            OsFingerprint f = fingerprints.get(i);
            if (!logging && !genre.equals(f.genre())) {
                continue;
            }
            if (!SynFingerprint.fits(p, tcp + TCP_HEADER, optionsSize, ttlCheck, f)) {
                continue;
            }
            found++;
            if (!logging) {
                return true;   // nothing else happens for the fingerprints after it
            }
            log(p, f);
            if (logLevel == LOG_FIRST) {
                break;
            }
        }
        if (found == 0 && logging) {
            logUnknown(p);
        }
        return found > 0;
    }

    /** "%s [%s:%s] : %pI4:%d -> %pI4:%d hops=%d\n" (only with --log: a log line is written anyway). */
    private static void log(Packet p, OsFingerprint f) {
        int tcp = p.transportOffset();
        StringBuilder s = new StringBuilder(96);
        s.append(f.genre()).append(" [").append(f.version()).append(':').append(f.subtype()).append("] : ");
        endpoints(s, p, tcp);
        s.append(" hops=").append(f.ttl() - p.ttl()).append('\n');
        p.log(LOG_LEVEL, cut(s), LOG_FLAGS);
    }

    /** "Remote OS is not known: %pI4:%u -> %pI4:%u\n". */
    private static void logUnknown(Packet p) {
        StringBuilder s = new StringBuilder(64).append("Remote OS is not known: ");
        endpoints(s, p, p.transportOffset());
        p.log(LOG_LEVEL, cut(s.append('\n')), LOG_FLAGS);
    }

    private static void endpoints(StringBuilder s, Packet p, int tcp) {
        address(s, p.source()).append(':').append(p.u16(tcp)).append(" -> ");
        address(s, p.destination()).append(':').append(p.u16(tcp + 2));
    }

    private static StringBuilder address(StringBuilder s, int a) {
        return s.append(a >>> 24).append('.').append((a >>> 16) & 0xFF).append('.').append((a >>> 8) & 0xFF)
                .append('.').append(a & 0xFF);
    }

    private static String cut(StringBuilder s) {
        return s.length() > PREFIX_MAX ? s.substring(0, PREFIX_MAX) : s.toString();
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" OS fingerprint match ").append(inverted ? "! " : "").append(genre);
    }

    @Override
    public void save(StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        out.append(" --genre ").append(genre);
        if (ttlMode != UNSET) {
            out.append(" --ttl ").append(ttlMode);
        }
        if (logLevel != UNSET) {
            out.append(" --log ").append(logLevel);
        }
    }

    /**
     * Without --log the match only answers (it never drops a packet it cannot read); with it, it
     * writes log lines, so the classifier must call it whenever the walk would.
     */
    @Override
    public void declare(Constraints constraints) {
        if (logLevel == UNSET) {
            constraints.sideEffectFree();
        }
    }

    /** The packet's own bytes and the host's fingerprints decide. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
