package org.jptables.capture.samples;

import java.io.IOException;
import org.jptables.capture.PcapWriter;
import org.jptables.kernel.packet.Checksums;

/**
 * Writes the Ethernet frames of the generated captures: IPv4 with TCP, UDP or ICMP, correct
 * checksums everywhere, as seen on the firewall host's eth0. A frame from the host goes from its
 * MAC to the gateway's (every other address is reached through 198.18.0.2); any other frame comes
 * from the gateway's MAC to the host's. One buffer is reused, so a gigabyte of frames costs no garbage.
 */
final class FrameWriter {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;

    private static final int ETHERNET = 14;
    private static final int IP = 20;

    private final PcapWriter out;
    private final int host;
    private final long hostMac;
    private final long gatewayMac;
    private final byte[] frame = new byte[ETHERNET + 65535];
    /** Every sender numbers its IP ids from a counter; one counter per direction is enough for a sample. */
    private int hostIpId = 0x4000;
    private int peerIpId = 0x1000;
    private long packets;
    private long bytes;

    FrameWriter(PcapWriter out, int host, long hostMac, long gatewayMac) {
        this.out = out;
        this.host = host;
        this.hostMac = hostMac;
        this.gatewayMac = gatewayMac;
    }

    long packets() {
        return packets;
    }

    /** Bytes of frames written so far (without the pcap's own headers). */
    long bytes() {
        return bytes;
    }

    /**
     * A TCP segment; {@code options} are the TCP options (a multiple of 4 bytes, or null),
     * the data is {@code length} bytes of {@code payload} from {@code from} on (wrapping around).
     */
    void tcp(long time, int ttl, int src, int dst, int sport, int dport, long seq, long ack, int flags, int window,
             byte[] options, byte[] payload, int from, int length) throws IOException {
        int optionLength = options == null ? 0 : options.length;
        int l4 = ETHERNET + IP;
        int tcpLength = 20 + optionLength + length;
        ipHeader(ttl, src, dst, 6, tcpLength);
        put16(l4, sport);
        put16(l4 + 2, dport);
        put32(l4 + 4, (int) seq);
        put32(l4 + 8, (flags & ACK) != 0 ? (int) ack : 0);
        frame[l4 + 12] = (byte) (((20 + optionLength) / 4) << 4);
        frame[l4 + 13] = (byte) flags;
        put16(l4 + 14, window);
        put16(l4 + 16, 0);
        put16(l4 + 18, 0);
        if (optionLength > 0) {
            System.arraycopy(options, 0, frame, l4 + 20, optionLength);
        }
        fill(l4 + 20 + optionLength, payload, from, length);
        put16(l4 + 16, Checksums.finish(Checksums.sum(frame, l4, tcpLength, pseudo(src, dst, 6, tcpLength))));
        emit(time, l4 + tcpLength);
    }

    /** A UDP datagram whose data is {@code payload}'s first {@code length} bytes. */
    void udp(long time, int ttl, int src, int dst, int sport, int dport, byte[] payload, int length) throws IOException {
        int l4 = ETHERNET + IP;
        int udpLength = 8 + length;
        ipHeader(ttl, src, dst, 17, udpLength);
        put16(l4, sport);
        put16(l4 + 2, dport);
        put16(l4 + 4, udpLength);
        put16(l4 + 6, 0);
        System.arraycopy(payload, 0, frame, l4 + 8, length);
        int sum = Checksums.finish(Checksums.sum(frame, l4, udpLength, pseudo(src, dst, 17, udpLength)));
        put16(l4 + 6, sum == 0 ? 0xFFFF : sum); // 0 means "no checksum" in UDP
        emit(time, l4 + udpLength);
    }

    /** An ICMP echo request (type 8) or reply (type 0) with {@code length} bytes of data. */
    void icmpEcho(long time, int ttl, int src, int dst, int type, int id, int sequence, byte[] payload, int length)
            throws IOException {
        int l4 = ETHERNET + IP;
        int icmpLength = 8 + length;
        ipHeader(ttl, src, dst, 1, icmpLength);
        frame[l4] = (byte) type;
        frame[l4 + 1] = 0;
        put16(l4 + 2, 0);
        put16(l4 + 4, id);
        put16(l4 + 6, sequence);
        fill(l4 + 8, payload, 0, length);
        put16(l4 + 2, Checksums.finish(Checksums.sum(frame, l4, icmpLength, 0)));
        emit(time, l4 + icmpLength);
    }

    private void ipHeader(int ttl, int src, int dst, int protocol, int l4Length) {
        boolean fromHost = src == host;
        putMac(0, fromHost ? gatewayMac : hostMac);
        putMac(6, fromHost ? hostMac : gatewayMac);
        put16(12, 0x0800);
        int ip = ETHERNET;
        frame[ip] = 0x45;
        frame[ip + 1] = 0;
        put16(ip + 2, IP + l4Length);
        put16(ip + 4, fromHost ? hostIpId++ : peerIpId++);
        put16(ip + 6, 0x4000); // DF, as Linux sets on TCP and on most UDP
        frame[ip + 8] = (byte) ttl;
        frame[ip + 9] = (byte) protocol;
        put16(ip + 10, 0);
        put32(ip + 12, src);
        put32(ip + 16, dst);
        put16(ip + 10, Checksums.finish(Checksums.sum(frame, ip, IP, 0)));
    }

    private static int pseudo(int src, int dst, int protocol, int length) {
        long sum = (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + protocol + length;
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    private void fill(int at, byte[] payload, int from, int length) {
        if (length == 0) {
            return;
        }
        int src = from % payload.length;
        for (int done = 0; done < length; ) {
            int n = Math.min(payload.length - src, length - done);
            System.arraycopy(payload, src, frame, at + done, n);
            done += n;
            src = 0;
        }
    }

    private void emit(long time, int length) throws IOException {
        out.write(time, frame, 0, length);
        packets++;
        bytes += length;
    }

    private void put16(int at, int v) {
        frame[at] = (byte) (v >>> 8);
        frame[at + 1] = (byte) v;
    }

    private void put32(int at, int v) {
        put16(at, v >>> 16);
        put16(at + 2, v);
    }

    private void putMac(int at, long mac) {
        for (int i = 0; i < 6; i++) {
            frame[at + i] = (byte) (mac >>> (8 * (5 - i)));
        }
    }
}
