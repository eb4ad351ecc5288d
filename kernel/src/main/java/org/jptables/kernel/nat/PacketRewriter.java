package org.jptables.kernel.nat;

/**
 * Rewrites addresses and ports of an IPv4 packet in place, keeping the IP and transport checksums
 * right by incremental update (RFC 1624), as nf_nat's manip_pkt does. A UDP checksum of zero
 * (none) stays zero. Operates on the bytes directly: no allocation.
 */
public final class PacketRewriter {
    private PacketRewriter() {
    }

    /** Sets the source ({@code source} true) or destination address at the IP header at {@code ip}. */
    public static void address(byte[] b, int ip, int length, boolean source, int address) {
        int at = ip + (source ? 12 : 16);
        int old = get32(b, at);
        if (old == address) {
            return;
        }
        put32(b, at, address);
        put16(b, ip + 10, adjust32(get16(b, ip + 10), old, address));
        int ihl = (b[ip] & 0x0F) * 4;
        int frag = get16(b, ip + 6) & 0x1FFF;
        if (frag != 0) {
            return;
        }
        int proto = b[ip + 9] & 0xFF;
        int field = checksumField(proto);
        int l4 = ip + ihl;
        if (field < 0 || l4 + field + 2 > ip + length) {
            return;
        }
        int sum = get16(b, l4 + field);
        if (proto == 17 && sum == 0) {
            return;
        }
        put16(b, l4 + field, fixUdpZero(proto, adjust32(sum, old, address)));
    }

    /** Sets the source or destination port of a TCP or UDP packet. */
    public static void port(byte[] b, int ip, int length, boolean source, int port) {
        int ihl = (b[ip] & 0x0F) * 4;
        int l4 = ip + ihl;
        int at = l4 + (source ? 0 : 2);
        if (at + 2 > ip + length) {
            return;
        }
        int old = get16(b, at);
        if (old == port) {
            return;
        }
        put16(b, at, port);
        int proto = b[ip + 9] & 0xFF;
        int field = checksumField(proto);
        if (field < 0 || l4 + field + 2 > ip + length) {
            return;
        }
        int sum = get16(b, l4 + field);
        if (proto == 17 && sum == 0) {
            return;
        }
        put16(b, l4 + field, fixUdpZero(proto, adjust16(sum, old, port)));
    }

    /** Sets the id of an ICMP echo (the "port" conntrack uses for ICMP queries). */
    public static void icmpId(byte[] b, int ip, int length, int id) {
        int l4 = ip + (b[ip] & 0x0F) * 4;
        if (l4 + 8 > ip + length) {
            return;
        }
        int old = get16(b, l4 + 4);
        put16(b, l4 + 4, id);
        put16(b, l4 + 2, adjust16(get16(b, l4 + 2), old, id));
    }

    /** Decrements the TTL, as forwarding does. */
    public static void decrementTtl(byte[] b, int ip) {
        int old = get16(b, ip + 8);
        b[ip + 8] = (byte) ((b[ip + 8] & 0xFF) - 1);
        put16(b, ip + 10, adjust16(get16(b, ip + 10), old, get16(b, ip + 8)));
    }

    private static int checksumField(int proto) {
        return switch (proto) {
            case 6 -> 16;
            case 17, 136 -> 6;
            default -> -1;
        };
    }

    private static int fixUdpZero(int proto, int sum) {
        return proto == 17 && sum == 0 ? 0xFFFF : sum;
    }

    /** RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'). */
    static int adjust16(int checksum, int oldValue, int newValue) {
        int sum = (~checksum & 0xFFFF) + (~oldValue & 0xFFFF) + (newValue & 0xFFFF);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return ~sum & 0xFFFF;
    }

    /** The checksum after a 32-bit field changed from {@code oldValue} to {@code newValue} (RFC 1624). */
    public static int adjust32(int checksum, int oldValue, int newValue) {
        int c = adjust16(checksum, oldValue >>> 16, newValue >>> 16);
        return adjust16(c, oldValue & 0xFFFF, newValue & 0xFFFF);
    }

    static int get16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static int get32(byte[] b, int at) {
        return (get16(b, at) << 16) | get16(b, at + 2);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v & 0xFFFF);
    }
}
