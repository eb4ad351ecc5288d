package org.jptables.plugins.tcpmss;

import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * tcpmss_tg4: rewrites the MSS option of a TCP packet, never raising it, and goes on with the
 * chain. Without an MSS option, a packet whose TCP header ends it (no data) and has room for one
 * more word gets one, of at most 536 (RFC 1122's default), in front of its other options: 4 bytes
 * more, data offset, total length and both checksums updated. A truncated or malformed TCP header,
 * or a path MTU of 40 or less when clamping, drops the packet (NF_DROP).
 */
public final class TcpmssTarget implements Target {
    /** XT_TCPMSS_CLAMP_PMTU: the mss value that means "clamp to the path MTU". */
    public static final int CLAMP_PMTU = 0xFFFF;
    private static final int TCPOPT_MSS = 2;
    private static final int TCPOLEN_MSS = 4;
    /** IPv4 and TCP headers without options. */
    private static final int MIN_LENGTH = 40;

    private final int mss;

    TcpmssTarget(int mss) {
        this.mss = mss;
    }

    /** The MSS to set, or {@link #CLAMP_PMTU}. */
    public int mss() {
        return mss;
    }

    @Override
    public boolean allowedAt(String table, Hook hook) {
        // tcpmss_tg4_check: "path-MTU clamping only supported in FORWARD, OUTPUT and POSTROUTING hooks"
        return mss != CLAMP_PMTU || hook == Hook.FORWARD || hook == Hook.OUTPUT || hook == Hook.POSTROUTING;
    }

    @Override
    public int apply(Packet p) {
        int grown = mangle(p);
        if (grown < 0) {
            return Verdict.DROP;
        }
        if (grown > 0) {
            int oldLength = p.totalLength();
            int newLength = oldLength + grown;
            p.setU16(2, newLength);
            p.setU16(10, Checksum.replace16(p.u16(10), oldLength, newLength));
        }
        return Verdict.CONTINUE;
    }

    /** tcpmss_mangle_packet: the bytes added (0 or 4), or -1 to drop the packet. */
    private int mangle(Packet p) {
        if (p.fragmentOffset() != 0) {
            return 0;
        }
        int th = p.transportOffset();
        int len = p.length() - th;
        if (len < 20) {
            return -1;
        }
        int headerLength = (p.u8(th + 12) >>> 4) * 4;
        if (len < headerLength || headerLength < 20) {
            return -1;
        }
        int newMss;
        if (mss == CLAMP_PMTU) {
            long out = unsigned(p.routeMtu(p.destination()));
            long back = unsigned(p.routeMtu(p.source()));
            long minMtu = Math.min(out, back);
            if (minMtu <= MIN_LENGTH) {
                return -1;
            }
            newMss = (int) (minMtu - MIN_LENGTH) & 0xFFFF;
        } else {
            newMss = mss;
        }
        int check = th + 16;
        for (int i = 20; i <= headerLength - TCPOLEN_MSS; i += optionLength(p, th + i)) {
            if (p.u8(th + i) == TCPOPT_MSS && p.u8(th + i + 1) == TCPOLEN_MSS) {
                int oldMss = p.u16(th + i + 2);
                if (oldMss <= newMss) {
                    return 0;
                }
                p.setU16(th + i + 2, newMss);
                p.setU16(check, Checksum.replace16(p.u16(check), oldMss, newMss));
                return 0;
            }
        }
        // data after the header: the option cannot be added without moving it
        if (len > headerLength) {
            return 0;
        }
        // the data offset has 4 bits
        if (headerLength >= 15 * 4) {
            return 0;
        }
        if (!p.insert(th + 20, TCPOLEN_MSS)) {
            return 0;
        }
        newMss = Math.min(newMss, 536);
        // the TCP length of the pseudo-header grows by 4
        p.setU16(check, Checksum.replace16(p.u16(check), len, len + TCPOLEN_MSS));
        p.setU16(th + 20, (TCPOPT_MSS << 8) | TCPOLEN_MSS);
        p.setU16(th + 22, newMss);
        int sum = Checksum.replace16(p.u16(check), 0, (TCPOPT_MSS << 8) | TCPOLEN_MSS);
        p.setU16(check, Checksum.replace16(sum, 0, newMss));
        int oldWord = p.u16(th + 12);
        int newWord = oldWord + ((TCPOLEN_MSS / 4) << 12);
        p.setU16(th + 12, newWord);
        p.setU16(check, Checksum.replace16(p.u16(check), oldWord, newWord));
        return TCPOLEN_MSS;
    }

    /** optlen: one for EOL, NOP and a zero length, which would not move on. */
    private static int optionLength(Packet p, int at) {
        int kind = p.u8(at);
        int length = p.u8(at + 1);
        return kind <= 1 || length <= 0 ? 1 : length;
    }

    private static long unsigned(int mtu) {
        return mtu < 0 ? 0xFFFFFFFFL : mtu;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        if (mss == CLAMP_PMTU) {
            out.append(" TCPMSS clamp to PMTU");
        } else {
            out.append(" TCPMSS set ").append(mss);
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (mss == CLAMP_PMTU) {
            out.append(" --clamp-mss-to-pmtu");
        } else {
            out.append(" --set-mss ").append(mss);
        }
    }

    /** It acts on this packet alone and keeps nothing for later packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
