package org.jptables.plugins.synproxy;

import org.jptables.api.Packet;

/**
 * The TCP segments SYNPROXY sends and the checksum it checks: synproxy_build_ip and
 * synproxy_send_tcp's packets (IPv4 header of 20 bytes, TOS 0, ID 0, DF, TTL 64, the TCP header
 * with the options of {@link SynproxyOptions#write}, urgent pointer 0), the TCP checksum left
 * partial (the pseudo-header's sum) as the kernel leaves it to the device.
 */
final class TcpSegments {
    /** net.ipv4.ip_default_ttl's default. */
    private static final int DEFAULT_TTL = 64;
    private static final int TCP = 6;

    private TcpSegments() {
    }

    /** Writes the segment into the host's buffer and asks the host to send it ({@code conntrackKind}: Effects'). */
    static void send(Packet p, int conntrackKind, int saddr, int daddr, int sport, int dport, int seq, int ack,
                     int flags, int window, int bits, int mss, int wscale, int tsval, int tsecr) {
        byte[] b = p.hostPacketBuffer();
        if (b == null) {
            return;
        }
        int tcpLength = 20 + SynproxyOptions.size(bits);
        int total = 20 + tcpLength;
        SynproxyOptions.word(b, 0, 0x45 << 24 | total);
        SynproxyOptions.word(b, 4, 0x4000); // ID 0, DF
        SynproxyOptions.word(b, 8, DEFAULT_TTL << 24 | TCP << 16);
        SynproxyOptions.word(b, 12, saddr);
        SynproxyOptions.word(b, 16, daddr);
        int headerSum = finish(sum(b, 0, 20, 0));
        b[10] = (byte) (headerSum >>> 8);
        b[11] = (byte) headerSum;
        SynproxyOptions.word(b, 20, sport << 16 | dport);
        SynproxyOptions.word(b, 24, seq);
        SynproxyOptions.word(b, 28, ack);
        SynproxyOptions.word(b, 32, (tcpLength / 4) << 28 | flags << 16 | window);
        SynproxyOptions.word(b, 36, 0);
        SynproxyOptions.write(b, 40, bits, mss, wscale, tsval, tsecr);
        int pseudo = fold(pseudoSum(saddr, daddr, tcpLength));
        b[36] = (byte) (pseudo >>> 8);
        b[37] = (byte) pseudo;
        p.sendFromHost(total, conntrackKind);
    }

    /**
     * nf_ip_checksum for a packet that arrived without a checksum verified by the device: the
     * TCP checksum over the pseudo-header and the segment must come out right. A packet cut
     * short of its total length cannot be checked and fails.
     */
    static boolean checksumValid(Packet p, int th) {
        int total = p.totalLength();
        if (total > p.length() || total < th + 20) {
            return false;
        }
        int length = total - th;
        long sum = pseudoSum(p.source(), p.destination(), length);
        int i = th;
        for (; i + 1 < total; i += 2) {
            sum += p.u16(i);
        }
        if (i < total) {
            sum += p.u8(i) << 8;
        }
        return fold(sum) == 0xFFFF;
    }

    private static long pseudoSum(int saddr, int daddr, int tcpLength) {
        return (saddr >>> 16) + (saddr & 0xFFFF) + (daddr >>> 16) + (daddr & 0xFFFF) + TCP + tcpLength;
    }

    private static long sum(byte[] b, int from, int length, long sum) {
        for (int i = from; i < from + length; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        return sum;
    }

    private static int fold(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private static int finish(long sum) {
        return ~fold(sum) & 0xFFFF;
    }
}
