package org.jptables.plugins.tcpoptstrip;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * xt_TCPOPTSTRIP's tcpoptstrip_mangle_packet: fragments pass untouched; a TCP header that cannot
 * be read, claims fewer than 20 bytes or is longer than the packet is dropped; each option of a
 * stripped kind is overwritten with NOPs, the checksum updated byte by byte
 * (inet_proto_csum_replace2). Goes on with the next rule.
 *
 * @param strip bit k of word k/64: kind k is stripped
 */
record TcpoptstripTarget(long[] strip) implements Target {
    private static final int NOP = 1;

    private boolean stripped(int kind) {
        return (strip[kind >>> 6] & 1L << (kind & 63)) != 0;
    }

    @Override
    public int apply(Packet p) {
        if (p.fragmentOffset() != 0) {
            return Verdict.CONTINUE;
        }
        int th = p.headerLength();
        if (p.u32(th + 16) < 0) {
            return Verdict.DROP;
        }
        int length = (p.u8(th + 12) >>> 4) * 4;
        if (length < 20 || p.u8(th + length - 1) < 0) {
            return Verdict.DROP;
        }
        int optl;
        for (int i = 20; i < length - 1; i += optl) {
            int kind = p.u8(th + i);
            int next = p.u8(th + i + 1);
            // zero-length options make finite progress
            optl = kind <= NOP || next == 0 ? 1 : next;
            if (i + optl > length) {
                break;
            }
            if (!stripped(kind)) {
                continue;
            }
            for (int j = 0; j < optl; j++) {
                int at = i + j;
                int old = p.u8(th + at);
                boolean high = at % 2 == 0;
                int check = p.u16(th + 16);
                p.setU16(th + 16, csumReplace2(check, high ? old << 8 : old, high ? NOP << 8 : NOP));
                int word = p.u16(th + (at & ~1));
                p.setU16(th + (at & ~1), high ? (NOP << 8) | (word & 0xFF) : (word & 0xFF00) | NOP);
            }
        }
        return Verdict.CONTINUE;
    }

    /** csum_replace2: the checksum after a 16-bit word it covers changed (RFC 1624, eqn. 3). */
    static int csumReplace2(int checksum, int from, int to) {
        int sum = (~checksum & 0xFFFF) + (~from & 0xFFFF) + (to & 0xFFFF);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return ~sum & 0xFFFF;
    }

    private boolean empty() {
        return (strip[0] | strip[1] | strip[2] | strip[3]) == 0;
    }

    private void list(StringBuilder out, boolean numeric) {
        boolean first = true;
        for (int k = 0; k < 256; k++) {
            if (!stripped(k)) {
                continue;
            }
            out.append(first ? "" : ",");
            first = false;
            String name = numeric ? null : TcpoptstripBuilder.nameOf(k);
            out.append(name != null ? name : Integer.toString(k));
        }
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        if (!empty()) {
            out.append(" TCPOPTSTRIP options ");
            list(out, format.numeric());
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (!empty()) {
            out.append(" --strip-options ");
            list(out, true);
        }
    }

    /** It acts on this packet alone and keeps nothing for later packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
