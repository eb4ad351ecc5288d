package org.jptables.kernel.effects;

import org.jptables.api.Effects;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.AddressTypes;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.PacketView;

/**
 * The packets the kernel's REJECT sends (net/ipv4/netfilter/nf_reject_ipv4.c): an ICMP
 * destination-unreachable quoting the packet as icmp_send does, or a TCP RST with the sequence
 * rules of nf_send_reset. Returns null where the kernel stays silent (replying to an ICMP error,
 * to a RST, to a non-first fragment, to a broadcast).
 */
public final class RejectReplies {
    /** icmp_send quotes at most what fits in 576 bytes. */
    private static final int MAX_ICMP_PACKET = 576;

    private RejectReplies() {
    }

    public static byte[] reply(PacketView p, int icmpCode, Host host) {
        return reply(p, icmpCode, host, true);
    }

    /**
     * {@code verifyChecksums}: nf_reject answers a TCP or UDP packet only when its checksum is right
     * (a first fragment's never is: it covers the whole datagram); off for captures taken with
     * checksum offload, whose packets the kernel would have taken as verified.
     */
    public static byte[] reply(PacketView p, int icmpCode, Host host, boolean verifyChecksums) {
        return reply(p, icmpCode, host, verifyChecksums, null, 0);
    }

    /**
     * As above, an ICMP answer only where {@code limit} (null: none) lets the host send it at
     * {@code now}; nothing is built for an answer the limit holds back.
     */
    public static byte[] reply(PacketView p, int icmpCode, Host host, boolean verifyChecksums, IcmpRateLimit limit,
            long now) {
        if (p.fragmentOffset() != 0) {
            return null;
        }
        if (verifyChecksums && !transportChecksumOk(p, icmpCode == Effects.TCP_RESET)) {
            return null;
        }
        return icmpCode == Effects.TCP_RESET ? reset(p) : icmpError(p, 3, icmpCode, 0, host, limit, now);
    }

    /** nf_reject_verify_csum and nf_ip_checksum: TCP always, UDP unless its checksum is 0; the rest pass. */
    private static boolean transportChecksumOk(PacketView p, boolean reset) {
        int proto = p.protocol();
        int l4 = p.headerLength();
        int length = p.length() - l4;
        if (proto == 17 && !reset) {
            if (length < 8 || p.u16(l4 + 6) == 0) {
                return length >= 8;
            }
        } else if (proto != 6) {
            return true;
        }
        if (length < (proto == 6 ? 20 : 8)) {
            return !reset && proto != 6;
        }
        byte[] b = p.bytes();
        int ip = p.offset();
        int sum = Checksums.sum(b, ip + 12, 8, proto + length);
        sum = Checksums.sum(b, ip + l4, length, sum);
        return sum == 0xFFFF;
    }

    /**
     * The ICMP error icmp_send makes about {@code p}: {@code type}/{@code code}, {@code rest} in the
     * four bytes after the checksum (a redirect's gateway), the offending packet quoted as far as
     * 576 bytes allow, from the address of the route back to the sender, TOS with precedence 0xC0.
     * None about a broadcast or multicast, or about an ICMP error.
     */
    public static byte[] icmpError(PacketView p, int type, int code, int rest, Host host) {
        return icmpError(p, type, code, rest, host, null, 0);
    }

    /** As above, none where {@code limit} (null: none) holds the error back at {@code now}. */
    public static byte[] icmpError(PacketView p, int type, int code, int rest, Host host, IcmpRateLimit limit,
            long now) {
        if (p.fragmentOffset() != 0) {
            return null; // only the first fragment is answered
        }
        int dst = p.destination();
        int dstType = host.typeOf(dst, null);
        if (dstType == AddressTypes.BROADCAST || dstType == AddressTypes.MULTICAST) {
            return null;
        }
        if (p.protocol() == 1) {
            int icmpType = p.u8(p.headerLength());
            // no error about an error: only echo, timestamp, info and address-mask queries get one
            if (icmpType < 0 || (icmpType != 8 && icmpType != 0 && icmpType != 13 && icmpType != 14
                    && icmpType != 15 && icmpType != 16 && icmpType != 17 && icmpType != 18)) {
                return null;
            }
        }
        if (limit != null && !limit.allow(type, p.source(), now)) {
            return null;
        }
        int total = p.totalLength();
        int available = Math.min(total < 0 ? p.length() : total, p.length());
        int quoted = Math.min(available, MAX_ICMP_PACKET - 28);
        byte[] out = new byte[28 + quoted];
        out[0] = 0x45;
        out[1] = (byte) ((p.tos() & 0x1E) | 0xC0);
        put16(out, 2, out.length);
        out[8] = 64;
        out[9] = 1;
        int src = host.isLocal(dst) ? dst : host.sourceAddressFor(p.source());
        put32(out, 12, src);
        put32(out, 16, p.source());
        put16(out, 10, Checksums.finish(Checksums.sum(out, 0, 20, 0)));
        out[20] = (byte) type;
        out[21] = (byte) code;
        put32(out, 24, rest);
        System.arraycopy(p.bytes(), p.offset(), out, 28, quoted);
        put16(out, 22, Checksums.finish(Checksums.sum(out, 20, out.length - 20, 0)));
        return out;
    }

    static byte[] reset(PacketView p) {
        if (p.protocol() != 6) {
            return null;
        }
        int l4 = p.headerLength();
        int word = p.u16(l4 + 12);
        if (word < 0) {
            return null;
        }
        int flags = word & 0xFF;
        if ((flags & 0x04) != 0) {
            return null;
        }
        byte[] out = new byte[40];
        out[0] = 0x45;
        put16(out, 2, 40);
        put16(out, 6, 0x4000);
        out[8] = 64;
        out[9] = 6;
        put32(out, 12, p.destination());
        put32(out, 16, p.source());
        put16(out, 10, Checksums.finish(Checksums.sum(out, 0, 20, 0)));
        put16(out, 20, p.u16(l4 + 2));
        put16(out, 22, p.u16(l4));
        if ((flags & 0x10) != 0) {
            put32(out, 24, (int) p.u32(l4 + 8));
            out[33] = 0x04;
        } else {
            int doff = ((word >> 12) & 0x0F) * 4;
            int payload = Math.max(0, p.totalLength() - l4 - doff);
            long ack = p.u32(l4 + 4) + ((flags & 0x02) != 0 ? 1 : 0) + ((flags & 0x01) != 0 ? 1 : 0) + payload;
            put32(out, 28, (int) ack);
            out[33] = 0x14;
        }
        out[32] = 0x50;
        int pseudo = Checksums.sum(out, 12, 8, 0) + 6 + 20;
        put16(out, 36, Checksums.finish(Checksums.sum(out, 20, 20, pseudo)));
        return out;
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
