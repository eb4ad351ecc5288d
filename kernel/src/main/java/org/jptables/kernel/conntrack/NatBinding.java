package org.jptables.kernel.conntrack;

import org.jptables.api.Effects;
import org.jptables.kernel.nat.AddressChoice;

/**
 * NAT bindings (nf_nat_core): a binding rewrites an entry's reply tuple, which is all NAT is to
 * conntrack; the packet path rewrites packets from the tuples. The range's address comes from
 * AddressChoice; the port is searched here, because only the table knows which reply tuples are
 * taken (nf_nat_used_tuple).
 */
final class NatBinding {
    private static final int ICMP = IcmpTracker.PROTOCOL;
    private static final int TCP = TcpTracker.PROTOCOL;
    private static final int UDP = UdpTracker.PROTOCOL;

    private final ConntrackTable table;

    NatBinding(ConntrackTable table) {
        this.table = table;
    }

    /**
     * nf_nat_setup_info with get_unique_tuple: the original direction's source (SNAT) or destination
     * (DNAT) is taken from the range (0: keep that part); the reply tuple becomes the inverse. The
     * manip counts as done even when it changes nothing (a null binding): later rules do not bind it
     * again.
     */
    void bind(int e, boolean source, int minAddress, int maxAddress, int minPort, int maxPort, int flags) {
        int p = table.l4Protocol[e];
        boolean ports = p == TCP || p == UDP;
        // the current tuple: the inverse of the reply
        int cSrc = table.replyDst[e];
        int cDst = table.replySrc[e];
        int cSport = table.replyDport[e];
        int cDport = table.replySport[e];
        if (p == ICMP) {
            cSport = table.replySport[e];
            cDport = table.origDport[e];
        }
        boolean persistent = (flags & Effects.NAT_PERSISTENT) != 0;
        if (source) {
            boolean keep = (minAddress == 0 || inRange(cSrc, minAddress, maxAddress))
                    && (!ports || minPort == 0 || (cSport >= minPort && cSport <= maxPort))
                    && !(ports && taken(e, cDst, cSrc, cDport, cSport, p));
            if (!keep) {
                if (minAddress != 0) {
                    cSrc = AddressChoice.pick(cSrc, cDst, minAddress, maxAddress, persistent);
                }
                if (ports) {
                    cSport = sourcePort(e, cSrc, cDst, cSport, cDport, minPort, maxPort, p);
                }
            }
        } else {
            if (minAddress != 0) {
                cDst = AddressChoice.pick(cSrc, cDst, minAddress, maxAddress, persistent);
            }
            if (ports && minPort != 0) {
                cDport = destinationPort(e, cSrc, cDst, cSport, cDport, minPort, maxPort, p);
            }
        }
        int nrSrc = cDst;
        int nrDst = cSrc;
        int nrSport = p == ICMP ? cSport : cDport;
        int nrDport = p == ICMP ? table.replyDport[e] : cSport;
        if (nrSrc != table.replySrc[e] || nrDst != table.replyDst[e] || nrSport != table.replySport[e]
                || nrDport != table.replyDport[e]) {
            table.replaceReply(e, nrSrc, nrSport, nrDst, nrDport);
            table.status[e] |= source ? EntryStatus.SRC_NAT : EntryStatus.DST_NAT;
        }
        table.status[e] |= source ? EntryStatus.SRC_NAT_DONE : EntryStatus.DST_NAT_DONE;
    }

    /**
     * Sets the entry's reply tuple directly (as nf_nat does when it binds), keeping the table's index
     * right; the SNAT/DNAT status follows from comparing it with the original tuple's inverse.
     */
    void setReplyTuple(int e, int srcAddr, int srcPort, int dstAddr, int dstPort) {
        table.replaceReply(e, srcAddr, srcPort, dstAddr, dstPort);
        boolean icmp = table.l4Protocol[e] == ICMP;
        boolean snat = table.replyDst[e] != table.origSrc[e]
                || (!icmp && table.replyDport[e] != table.origSport[e])
                || (icmp && table.replySport[e] != table.origSport[e]);
        boolean dnat = table.replySrc[e] != table.origDst[e] || (!icmp && table.replySport[e] != table.origDport[e]);
        table.status[e] = (table.status[e] & ~(EntryStatus.SRC_NAT | EntryStatus.DST_NAT))
                | (snat ? EntryStatus.SRC_NAT : 0) | (dnat ? EntryStatus.DST_NAT : 0);
    }

    /** nf_nat_used_tuple: whether another entry has the reply tuple inverse to (src,dst,sport,dport). */
    private boolean taken(int self, int replySrc, int replyDst, int replySport, int replyDport, int p) {
        int ref = table.hash.find(replySrc, replyDst, replySport, replyDport, p);
        return ref >= 0 && (ref >> 1) != self;
    }

    private static boolean inRange(int address, int min, int max) {
        return Integer.compareUnsigned(address, min) >= 0 && Integer.compareUnsigned(address, max) <= 0;
    }

    /**
     * The SNAT source port: kept when in the range and unique; else the first free port of the range
     * (the kernel starts at a random offset there, so a clash may pick another port on Linux), or,
     * with no range given, another port of the same class.
     */
    private int sourcePort(int e, int src, int dst, int sport, int dport, int min, int max, int p) {
        if (min == 0) {
            return taken(e, dst, src, dport, sport, p) ? freeSourcePort(e, src, dst, sport, dport, p) : sport;
        }
        if (sport >= min && sport <= max && (min == max || !taken(e, dst, src, dport, sport, p))) {
            return sport;
        }
        for (int candidate = min; candidate <= max; candidate++) {
            if (!taken(e, dst, src, dport, candidate, p)) {
                return candidate;
            }
        }
        return min;
    }

    /**
     * The DNAT destination port: kept when in the range and unique, else the range's first free port
     * from its start, as the kernel does (no random offset for DNAT).
     */
    private int destinationPort(int e, int src, int dst, int sport, int dport, int min, int max, int p) {
        if (dport >= min && dport <= max && (min == max || !taken(e, dst, src, dport, sport, p))) {
            return dport;
        }
        for (int candidate = min; candidate <= max; candidate++) {
            if (!taken(e, dst, src, candidate, sport, p)) {
                return candidate;
            }
        }
        return min;
    }

    /**
     * Another source port for a clashing SNAT with no range, searched in the port's class as nf_nat
     * does (1-511, 600-1023, 1024-65535), so a privileged port stays privileged.
     */
    private int freeSourcePort(int e, int src, int dst, int sport, int dport, int p) {
        int lo;
        int hi;
        if (sport < 512) {
            lo = 1;
            hi = 511;
        } else if (sport < 1024) {
            lo = 600;
            hi = 1023;
        } else {
            lo = 1024;
            hi = 65535;
        }
        int size = hi - lo + 1;
        int start = Math.max(sport, lo) - lo;
        for (int i = 1; i <= size; i++) {
            int candidate = lo + (start + i) % size;
            if (!taken(e, dst, src, dport, candidate, p)) {
                return candidate;
            }
        }
        return sport;
    }
}
