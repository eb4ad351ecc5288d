package org.jptables.live.testing;

import java.nio.ByteBuffer;

/** IPv4/UDP packets built by hand for live tests, with correct header and UDP checksums. */
public final class Ipv4Packets {
    private Ipv4Packets() {
    }

    /** A UDP datagram {@code source:sourcePort -> destination:destinationPort} carrying {@code data}. */
    public static byte[] udp(byte[] source, byte[] destination, int sourcePort, int destinationPort, int ttl, int id, byte[] data) {
        int length = 20 + 8 + data.length;
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) length).putShort((short) id).putShort((short) 0)
                .put((byte) ttl).put((byte) 17).putShort((short) 0).put(source).put(destination);
        b.putShort((short) sourcePort).putShort((short) destinationPort).putShort((short) (8 + data.length)).putShort((short) 0);
        b.put(data);
        byte[] ip = b.array();
        fixChecksums(ip, length);
        return ip;
    }

    /** Recomputes the IPv4 header checksum and, for UDP, the UDP checksum of the first {@code length} bytes. */
    public static void fixChecksums(byte[] ip, int length) {
        int headerLength = (ip[0] & 0x0F) * 4;
        ip[10] = 0;
        ip[11] = 0;
        int sum = fold(sum(ip, 0, headerLength, 0));
        ip[10] = (byte) (~sum >> 8);
        ip[11] = (byte) ~sum;
        if (ip[9] == 17) {
            int udp = headerLength;
            int udpLength = length - headerLength;
            ip[udp + 6] = 0;
            ip[udp + 7] = 0;
            int pseudo = sum(ip, 12, 8, 0) + 17 + udpLength; // addresses, protocol, UDP length
            int c = ~fold(sum(ip, udp, udpLength, pseudo)) & 0xFFFF;
            if (c == 0) {
                c = 0xFFFF; // 0 would mean "no checksum"
            }
            ip[udp + 6] = (byte) (c >> 8);
            ip[udp + 7] = (byte) c;
        }
    }

    /** The dotted address's four bytes. */
    public static byte[] address(String dotted) {
        String[] parts = dotted.split("\\.");
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            a[i] = (byte) Integer.parseInt(parts[i]);
        }
        return a;
    }

    /** Offset of the UDP payload in a packet without IP options. */
    public static final int UDP_DATA = 28;

    private static int sum(byte[] b, int from, int length, int start) {
        long s = start;
        for (int i = 0; i + 1 < length; i += 2) {
            s += ((b[from + i] & 0xFF) << 8) | (b[from + i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            s += (b[from + length - 1] & 0xFF) << 8;
        }
        while ((s >> 16) != 0) {
            s = (s & 0xFFFF) + (s >> 16);
        }
        return (int) s;
    }

    private static int fold(int s) {
        while ((s >> 16) != 0) {
            s = (s & 0xFFFF) + (s >> 16);
        }
        return s;
    }
}
