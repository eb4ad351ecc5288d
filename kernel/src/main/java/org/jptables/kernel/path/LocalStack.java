package org.jptables.kernel.path;

import java.util.Set;
import org.jptables.kernel.packet.Checksums;

/**
 * The host's own stack, for packets it sends itself through lo: what it answers when such a
 * packet is delivered (an echo reply; a port unreachable for a UDP port nobody listens on; a
 * SYN-ACK from a listening TCP port, or a RST from a closed one; a RST to a SYN-ACK nobody asked
 * for). Answers to packets from other hosts are not made here: a capture or a recording holds
 * them. The host's initial sequence numbers and IP IDs are random in Linux; here they are 0.
 */
public final class LocalStack {
    private final Set<String> listening;

    /** {@code listening}: "tcp:22", "udp:53", as the conformance cases' {@code listen} file. */
    public LocalStack(Set<String> listening) {
        this.listening = Set.copyOf(listening);
    }

    /** "tcp:22" of each of the conformance cases' {@code listen} items ("tcp:3128:transparent" too). */
    public static Set<String> ports(Set<String> listen) {
        Set<String> ports = new java.util.HashSet<>();
        for (String item : listen) {
            String[] parts = item.split(":");
            ports.add(parts[0] + ":" + parts[1]);
        }
        return ports;
    }

    /** The answer to the IPv4 packet {@code ip}, or null when the stack stays silent. */
    byte[] answer(byte[] ip, int length) {
        int ihl = (ip[0] & 0x0F) * 4;
        if (length < ihl + 8 || ((ip[6] & 0x3F) | ip[7]) != 0) {
            return null;
        }
        int proto = ip[9] & 0xFF;
        return switch (proto) {
            case 1 -> (ip[ihl] & 0xFF) == 8 ? echoReply(ip, length, ihl) : null;
            case 17 -> listening.contains("udp:" + u16(ip, ihl + 2)) ? null : portUnreachable(ip, length);
            case 6 -> length >= ihl + 20 ? tcp(ip, length, ihl) : null;
            default -> null;
        };
    }

    private static byte[] echoReply(byte[] ip, int length, int ihl) {
        byte[] r = new byte[length];
        System.arraycopy(ip, 0, r, 0, length);
        swapAddresses(r);
        r[4] = 0;
        r[5] = 0;
        r[8] = 64;
        r[ihl] = 0;
        r[ihl + 2] = 0;
        r[ihl + 3] = 0;
        put16(r, ihl + 2, Checksums.finish(Checksums.sum(r, ihl, length - ihl, 0)));
        ipChecksum(r);
        return r;
    }

    private static byte[] portUnreachable(byte[] ip, int length) {
        int quoted = Math.min(length, 576 - 28);
        byte[] r = new byte[28 + quoted];
        r[0] = 0x45;
        r[1] = (byte) ((ip[1] & 0x1E) | 0xC0);
        put16(r, 2, r.length);
        r[8] = 64;
        r[9] = 1;
        System.arraycopy(ip, 16, r, 12, 4);
        System.arraycopy(ip, 12, r, 16, 4);
        r[20] = 3;
        r[21] = 3;
        System.arraycopy(ip, 0, r, 28, quoted);
        put16(r, 22, Checksums.finish(Checksums.sum(r, 20, r.length - 20, 0)));
        ipChecksum(r);
        return r;
    }

    private byte[] tcp(byte[] ip, int length, int ihl) {
        int flags = ip[ihl + 13] & 0xFF;
        if ((flags & 0x04) != 0) {
            return null; // no answer to a RST
        }
        int dataOffset = ((ip[ihl + 12] & 0xF0) >> 4) * 4;
        int payload = length - ihl - dataOffset;
        long seq = u32(ip, ihl + 4);
        boolean syn = (flags & 0x02) != 0;
        boolean ack = (flags & 0x10) != 0;
        if (syn && !ack && listening.contains("tcp:" + u16(ip, ihl + 2))) {
            // SYN-ACK with the MSS of lo (65535 - 40)
            return segment(ip, ihl, 0, seq + 1, 0x12, 65495, new byte[] {2, 4, (byte) 0xFF, (byte) 0xD7});
        }
        if (ack) {
            return segment(ip, ihl, u32(ip, ihl + 8), 0, 0x04, 0, new byte[0]);
        }
        long end = seq + payload + (syn ? 1 : 0) + ((flags & 0x01) != 0 ? 1 : 0);
        return segment(ip, ihl, 0, end, 0x14, 0, new byte[0]);
    }

    private static byte[] segment(byte[] ip, int ihl, long seq, long ackNo, int flags, int window, byte[] options) {
        int tcpLength = 20 + options.length;
        byte[] r = new byte[20 + tcpLength];
        r[0] = 0x45;
        put16(r, 2, r.length);
        put16(r, 6, 0x4000);
        r[8] = 64;
        r[9] = 6;
        System.arraycopy(ip, 16, r, 12, 4);
        System.arraycopy(ip, 12, r, 16, 4);
        put16(r, 20, u16(ip, ihl + 2));
        put16(r, 22, u16(ip, ihl));
        put32(r, 24, seq);
        put32(r, 28, ackNo);
        r[32] = (byte) ((tcpLength / 4) << 4);
        r[33] = (byte) flags;
        put16(r, 34, window);
        System.arraycopy(options, 0, r, 40, options.length);
        int sum = Checksums.sum(r, 12, 8, 6 + tcpLength);
        put16(r, 36, Checksums.finish(Checksums.sum(r, 20, tcpLength, sum)));
        ipChecksum(r);
        return r;
    }

    private static void swapAddresses(byte[] r) {
        for (int i = 0; i < 4; i++) {
            byte t = r[12 + i];
            r[12 + i] = r[16 + i];
            r[16 + i] = t;
        }
    }

    private static void ipChecksum(byte[] r) {
        int ihl = (r[0] & 0x0F) * 4;
        r[10] = 0;
        r[11] = 0;
        put16(r, 10, Checksums.finish(Checksums.sum(r, 0, ihl, 0)));
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, long v) {
        put16(b, at, (int) (v >>> 16));
        put16(b, at + 2, (int) v);
    }
}
