package org.jptables.plugins.hmark;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * HMARK as xt_HMARK's hmark_tg_v4: a tuple of the source and destination (masked by their
 * prefixes), the ports or SPI (masked, OR-ed with the set values, the larger half first) and the
 * protocol, taken from the packet (from the quoted packet of an ICMP error) or, with
 * {@code --hmark-tuple ct}, from the connection's original and reply tuples; the mark becomes
 * {@code reciprocal_scale(jhash_3words(lower address, higher address, ports, rnd) ^ (protocol &
 * proto-mask), modulus) + offset}. A packet without a connection in ct mode keeps its mark.
 *
 * @param flags     the XT_HMARK_* bits of the options set (bit numbers below)
 * @param srcPrefix the source prefix length, 0..32
 * @param dstPrefix the destination prefix length, 0..32
 * @param portMask  source port mask in the high half, destination port's in the low (or the SPI's)
 * @param portSet   the bits OR-ed in, laid out as {@code portMask}
 * @param protoMask the protocol's mask
 * @param rnd       the hash seed
 * @param modulus   the modulus, at least 1 (unsigned)
 * @param offset    added last (unsigned)
 */
record HmarkTarget(int flags, int srcPrefix, int dstPrefix, int portMask, int portSet, int protoMask, int rnd,
        int modulus, int offset) implements Target {
    static final int SRC_PREFIX = 0;
    static final int DST_PREFIX = 1;
    static final int SPI = 2;
    static final int SPI_MASK = 3;
    static final int SPORT = 4;
    static final int DPORT = 5;
    static final int SPORT_MASK = 6;
    static final int DPORT_MASK = 7;
    static final int PROTO_MASK = 8;
    static final int RND = 9;
    static final int MODULUS = 10;
    static final int OFFSET = 11;
    static final int CT = 12;

    private static final int ICMP = 1;

    @Override
    public int apply(Packet p) {
        int srcMask = mask(srcPrefix);
        int dstMask = mask(dstPrefix);
        int src;
        int dst;
        int proto;
        int ports = 0;
        if (has(CT)) {
            proto = p.ctProtocol();
            if (proto == 0) {
                return Verdict.CONTINUE; // no connection (untracked, or none yet): nf_ct_get is NULL
            }
            src = p.ctOriginalSource() & srcMask;
            dst = p.ctReplySource() & dstMask;
            if (proto != ICMP) {
                ports = order((p.ctOriginalSourcePort() << 16) | (p.ctReplySourcePort() & 0xFFFF));
            }
        } else {
            int ip = 0;
            if (p.protocol() == ICMP && isError(p, p.headerLength())) {
                // the tuple of the packet the error quotes
                ip = p.headerLength() + 8;
                if (p.u8(ip + 19) < 0) {
                    return Verdict.CONTINUE;
                }
            }
            src = (int) p.u32(ip + 12) & srcMask;
            dst = (int) p.u32(ip + 16) & dstMask;
            proto = p.u8(ip + 9);
            // ICMP has no ports; neither has any fragment, the first one included
            if (proto != ICMP && (p.u16(ip + 6) & 0x3FFF) == 0) {
                int at = portsOffset(proto);
                long raw = at < 0 ? -1 : p.u32(ip + (p.u8(ip) & 0x0F) * 4 + at);
                if (raw >= 0) {
                    ports = order((int) raw);
                }
            }
        }
        if (Integer.compareUnsigned(dst, src) < 0) {
            int t = src;
            src = dst;
            dst = t;
        }
        int hash = Jhash.threeWords(src, dst, ports, rnd) ^ (proto & protoMask);
        long scaled = ((hash & 0xFFFFFFFFL) * (modulus & 0xFFFFFFFFL)) >>> 32;
        p.setMark((int) scaled + offset);
        return Verdict.CONTINUE;
    }

    /** get_inner_hdr: a whole ICMP header of an error type (unreachable, quench, redirect, time, parameter). */
    private static boolean isError(Packet p, int icmp) {
        int type = p.u8(icmp);
        if (type < 0 || p.u8(icmp + 7) < 0 || type > 18) {
            return false;
        }
        return type == 3 || type == 4 || type == 11 || type == 12 || type == 5;
    }

    /** proto_ports_offset: where the ports (the SPI) lie in the transport header, -1 without. */
    private static int portsOffset(int proto) {
        return switch (proto) {
            case 6, 17, 33, 50, 132, 136 -> 0; // TCP, UDP, DCCP, ESP, SCTP, UDP-Lite
            case 51 -> 4; // AH
            default -> -1;
        };
    }

    /** hmark_swap_ports: masked, set bits OR-ed in, the larger 16-bit half first. */
    private int order(int raw) {
        int v = (raw & portMask) | portSet;
        int high = v >>> 16;
        int low = v & 0xFFFF;
        return high > low ? (high << 16) | low : (low << 16) | high;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private boolean has(int field) {
        return (flags & (1 << field)) != 0;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" HMARK ");
        if (has(MODULUS)) {
            out.append("mod ").append(Integer.toUnsignedString(modulus)).append(' ');
        }
        if (has(OFFSET)) {
            out.append("+ 0x").append(Integer.toHexString(offset)).append(' ');
        }
        if (has(CT)) {
            out.append("ct, ");
        }
        if (has(SRC_PREFIX)) {
            out.append("src-prefix ").append(srcPrefix).append(' ');
        }
        if (has(DST_PREFIX)) {
            out.append("dst-prefix ").append(dstPrefix).append(' ');
        }
        hexIf(out, SPORT_MASK, "sport-mask 0x", portMask >>> 16);
        hexIf(out, DPORT_MASK, "dport-mask 0x", portMask & 0xFFFF);
        hexIf(out, SPI_MASK, "spi-mask 0x", portMask);
        hexIf(out, SPORT, "sport 0x", portSet >>> 16);
        hexIf(out, DPORT, "dport 0x", portSet & 0xFFFF);
        hexIf(out, SPI, "spi 0x", portSet);
        hexIf(out, PROTO_MASK, "proto-mask 0x", protoMask);
        hexIf(out, RND, "rnd 0x", rnd);
    }

    private void hexIf(StringBuilder out, int field, String label, int value) {
        if (has(field)) {
            out.append(label).append(Integer.toHexString(value)).append(' ');
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (has(SRC_PREFIX)) {
            out.append(" --hmark-src-prefix ").append(srcPrefix);
        }
        if (has(DST_PREFIX)) {
            out.append(" --hmark-dst-prefix ").append(dstPrefix);
        }
        padded(out, SPORT_MASK, " --hmark-sport-mask 0x", portMask >>> 16, 4);
        padded(out, DPORT_MASK, " --hmark-dport-mask 0x", portMask & 0xFFFF, 4);
        padded(out, SPI_MASK, " --hmark-spi-mask 0x", portMask, 8);
        padded(out, SPORT, " --hmark-sport 0x", portSet >>> 16, 4);
        padded(out, DPORT, " --hmark-dport 0x", portSet & 0xFFFF, 4);
        padded(out, SPI, " --hmark-spi 0x", portSet, 8);
        padded(out, PROTO_MASK, " --hmark-proto-mask 0x", protoMask, 2);
        padded(out, RND, " --hmark-rnd 0x", rnd, 8);
        if (has(MODULUS)) {
            out.append(" --hmark-mod ").append(Integer.toUnsignedString(modulus));
        }
        if (has(OFFSET)) {
            out.append(" --hmark-offset ").append(Integer.toUnsignedString(offset));
        }
        if (has(CT)) {
            out.append(" --hmark-tuple ct");
        }
    }

    /** printf's {@code 0x%0Nx}: at least {@code width} hex digits. */
    private void padded(StringBuilder out, int field, String label, int value, int width) {
        if (has(field)) {
            String hex = Integer.toHexString(value);
            out.append(label);
            for (int i = hex.length(); i < width; i++) {
                out.append('0');
            }
            out.append(hex);
        }
    }

    /** Packet mode reads the packet alone; ct mode its connection's tuples. */
    @Override
    public StateScope stateScope() {
        return has(CT) ? StateScope.CONNECTION : StateScope.NONE;
    }
}
