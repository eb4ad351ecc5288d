package org.jptables.kernel.conntrack;

import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.PacketView;

/**
 * nf_nat_mangle_tcp_packet: a NAT helper replaces part of a TCP segment's payload, and the packet's
 * lengths and checksums follow: the IPv4 total length and header checksum, and the TCP checksum as
 * nf_nat_csum_recalc leaves it. For a packet the host delivers to itself that is a full checksum;
 * for one leaving by a device that completes checksums (the recording host's veths, as most) it is
 * only the pseudo-header's sum, which the device finishes (CHECKSUM_PARTIAL): what the recordings
 * capture leaving fw.
 */
final class TcpMangle {
    private static final int MAX_PACKET = 65535;

    private TcpMangle() {
    }

    /**
     * Replaces {@code matchLength} payload bytes at {@code matchOffset} (from the payload's start at
     * {@code dataOffset}) by {@code length} bytes of {@code replacement}. False, leaving the packet
     * as it was, when it would grow past 65535 bytes (enlarge_skb).
     */
    static boolean replace(PacketView p, int l4, int dataOffset, int matchOffset, int matchLength, byte[] replacement,
                           int length, boolean local) {
        int total = p.totalLength();
        if (total + length - matchLength > MAX_PACKET
                || !p.replace(dataOffset + matchOffset, matchLength, replacement, length)) {
            return false;
        }
        byte[] b = p.bytes();
        int ip = p.offset();
        int newTotal = total + length - matchLength;
        b[ip + 2] = (byte) (newTotal >>> 8);
        b[ip + 3] = (byte) newTotal;
        int ihl = p.headerLength();
        b[ip + 10] = 0;
        b[ip + 11] = 0;
        int ipSum = Checksums.finish(Checksums.sum(b, ip, ihl, 0));
        b[ip + 10] = (byte) (ipSum >>> 8);
        b[ip + 11] = (byte) ipSum;
        int tcp = ip + l4;
        int tcpLength = newTotal - l4;
        int pseudo = Checksums.sum(b, ip + 12, 8, 0) + TcpTracker.PROTOCOL + tcpLength;
        pseudo = (pseudo & 0xFFFF) + (pseudo >>> 16);
        pseudo = (pseudo & 0xFFFF) + (pseudo >>> 16);
        int sum;
        if (local) {
            b[tcp + 16] = 0;
            b[tcp + 17] = 0;
            sum = Checksums.finish(Checksums.sum(b, tcp, tcpLength, pseudo));
        } else {
            sum = pseudo; // ~csum_tcpudp_magic(saddr, daddr, len, proto, 0): the device adds the rest
        }
        b[tcp + 16] = (byte) (sum >>> 8);
        b[tcp + 17] = (byte) sum;
        return true;
    }
}
