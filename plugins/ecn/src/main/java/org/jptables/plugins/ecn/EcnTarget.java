package org.jptables.plugins.ecn;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * ipt_ECN's ecn_tg: the IPv4 ECN field set when it differs (header checksum by csum_replace2),
 * then on TCP packets the ECE and CWR flags set when one differs (TCP checksum by
 * inet_proto_csum_replace2 of the flags word). The TCP header is taken at the header length,
 * fragment or not, as the kernel does; a TCP header that cannot be read drops the packet.
 * Goes on with the next rule.
 *
 * @param ece the ECE value to set, -1 to leave it
 * @param cwr the CWR value to set, -1 to leave it
 * @param ect the ECN codepoint to set, -1 to leave it
 */
record EcnTarget(int ece, int cwr, int ect) implements Target {
    private static final int IP_CHECK = 10;
    private static final int ECE_BIT = 0x40;
    private static final int CWR_BIT = 0x80;
    private static final int TCP = 6;

    @Override
    public int apply(Packet p) {
        if (ect >= 0 && (p.tos() & 3) != ect) {
            if (p.length() < 20) {
                return Verdict.DROP;
            }
            int old = p.tos();
            int tos = (old & ~3) | ect;
            p.setU16(IP_CHECK, csumReplace2(p.u16(IP_CHECK), old, tos));
            p.setU16(0, (p.u8(0) << 8) | tos);
        }
        if ((ece >= 0 || cwr >= 0) && p.protocol() == TCP) {
            int th = p.headerLength();
            if (p.u32(th + 16) < 0) {
                return Verdict.DROP;
            }
            int word = p.u16(th + 12);
            int flags = word & 0xFF;
            boolean eceOk = ece < 0 || ((flags & ECE_BIT) != 0) == (ece == 1);
            boolean cwrOk = cwr < 0 || ((flags & CWR_BIT) != 0) == (cwr == 1);
            if (!eceOk || !cwrOk) {
                int changed = word;
                if (ece >= 0) {
                    changed = ece == 1 ? changed | ECE_BIT : changed & ~ECE_BIT;
                }
                if (cwr >= 0) {
                    changed = cwr == 1 ? changed | CWR_BIT : changed & ~CWR_BIT;
                }
                p.setU16(th + 16, csumReplace2(p.u16(th + 16), word, changed));
                p.setU16(th + 12, changed);
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

    private boolean removes() {
        return ece == 0 && cwr == 0;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" ECN");
        if (removes() && ect < 0) {
            out.append(" TCP remove");
            return;
        }
        if (ece >= 0) {
            out.append(" ECE=").append(ece);
        }
        if (cwr >= 0) {
            out.append(" CWR=").append(cwr);
        }
        if (ect >= 0) {
            out.append(" ECT codepoint=").append(ect);
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (removes() && ect < 0) {
            out.append(" --ecn-tcp-remove");
            return;
        }
        if (ece >= 0) {
            out.append(" --ecn-tcp-ece ").append(ece);
        }
        if (cwr >= 0) {
            out.append(" --ecn-tcp-cwr ").append(cwr);
        }
        if (ect >= 0) {
            out.append(" --ecn-ip-ect ").append(ect);
        }
    }

    /** It acts on this packet alone and keeps nothing for later packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
