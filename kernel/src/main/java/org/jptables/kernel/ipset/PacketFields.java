package org.jptables.kernel.ipset;

import org.jptables.api.Packet;

/**
 * What ipset takes from a packet (ip_set_getport.c and ip4addr): the addresses, and the protocol
 * with its "port": the TCP, UDP, UDP-Lite or SCTP port, ICMP's type << 8 | code, 0 for other
 * protocols. A non-first fragment has no port; a packet too short for its header has none either.
 */
final class PacketFields {
    /** No port could be read. */
    static final int NO_PORT = -1;

    private PacketFields() {
    }

    /** The source or destination address as an unsigned 32-bit value. */
    static long address(Packet p, boolean source) {
        return Integer.toUnsignedLong(source ? p.source() : p.destination());
    }

    /**
     * ip_set_get_ip4_port: the port (for ICMP the type and code), 0 for a protocol without ports,
     * or {@link #NO_PORT}. The protocol is {@link Packet#protocol()}.
     */
    static int port(Packet p, boolean source) {
        int protocol = p.protocol();
        if (protocol <= 0) {
            return NO_PORT;
        }
        boolean withPorts = protocol == 6 || protocol == 132 || protocol == 17 || protocol == 136 || protocol == 1;
        if (p.fragmentOffset() != 0) {
            return withPorts ? NO_PORT : 0;
        }
        int off = p.transportOffset();
        // skb_header_pointer of the whole header the kernel reads: a shorter packet gives no port
        int need = switch (protocol) {
            case 6 -> 20;
            case 132 -> 12;
            case 17, 136, 1 -> 8;
            default -> 0;
        };
        if (need > 0 && p.length() < off + need) {
            return NO_PORT;
        }
        return switch (protocol) {
            case 6, 132, 17, 136 -> p.u16(off + (source ? 0 : 2));
            case 1 -> (p.u8(off) << 8) | p.u8(off + 1);
            default -> 0;
        };
    }

    /** ip_set_proto_with_ports: TCP, SCTP, UDP, UDP-Lite. */
    static boolean withPorts(int proto) {
        return proto == 6 || proto == 132 || proto == 17 || proto == 136;
    }

    /** The host-order address as the little-endian word an x86 kernel reads its big-endian bytes as. */
    static int word(long address) {
        return Integer.reverseBytes((int) address);
    }

    /** The address back from its word. */
    static long address(int word) {
        return Integer.toUnsignedLong(Integer.reverseBytes(word));
    }

    /** ip_set_netmask: the mask of a prefix length, as an unsigned 32-bit value. */
    static long netmask(int cidr) {
        return cidr == 0 ? 0 : (0xFFFFFFFFL << (32 - cidr)) & 0xFFFFFFFFL;
    }

    /** The word of a port (big-endian bytes 0-1), a protocol (byte 2) and a last byte (byte 3). */
    static int portWord(int port, int proto, int last) {
        return ((port >>> 8) & 0xFF) | ((port & 0xFF) << 8) | ((proto & 0xFF) << 16) | ((last & 0xFF) << 24);
    }
}
