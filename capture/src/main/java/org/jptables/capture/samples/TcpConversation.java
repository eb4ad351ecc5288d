package org.jptables.capture.samples;

import java.io.IOException;

/**
 * One TCP connection as the capture point sees it: the three-way handshake with the options Linux
 * sends (MSS, SACK permitted, window scale), data in bursts acknowledged every second segment, and
 * the FIN teardown. Sequence numbers start at the given ISNs and advance exactly by the data and
 * flags sent, and no burst exceeds the receiver's window, so connection tracking follows the
 * connection through SYN_SENT, ESTABLISHED and TIME_WAIT as it would a real one.
 */
final class TcpConversation {
    /** MSS 1460, SACK permitted, window scale 7: what a Linux client offers. */
    private static final byte[] SYN_OPTIONS = {2, 4, 0x05, (byte) 0xB4, 4, 2, 1, 3, 3, 7};
    /** The answer: MSS 1460, NOP, NOP, SACK permitted, NOP, window scale 7. */
    private static final byte[] SYNACK_OPTIONS = {2, 4, 0x05, (byte) 0xB4, 1, 1, 4, 2, 1, 3, 3, 7};
    private static final int MSS = 1460;
    /** Segments sent before waiting for acknowledgements: well inside the 64 KB window. */
    private static final int BURST = 10;
    /** 1 Gbit/s: a full segment takes about 12 microseconds on the wire. */
    private static final long SEGMENT_GAP = 12_000;
    /** A window of 502 << 7 = 64256 bytes after scaling, as Linux advertises at first. */
    private static final int WINDOW = 502;

    private final FrameWriter out;
    private final int client;
    private final int server;
    private final int clientPort;
    private final int serverPort;
    private final int clientTtl;
    private final int serverTtl;
    private final long rtt;
    private long clientSeq;
    private long serverSeq;

    /**
     * @param rtt round-trip time in nanoseconds between the capture point and the far side
     */
    TcpConversation(FrameWriter out, int client, int clientPort, int server, int serverPort, int clientTtl,
                    int serverTtl, long clientIsn, long serverIsn, long rtt) {
        this.out = out;
        this.client = client;
        this.server = server;
        this.clientPort = clientPort;
        this.serverPort = serverPort;
        this.clientTtl = clientTtl;
        this.serverTtl = serverTtl;
        this.clientSeq = clientIsn & 0xFFFFFFFFL;
        this.serverSeq = serverIsn & 0xFFFFFFFFL;
        this.rtt = rtt;
    }

    /** SYN, SYN-ACK, ACK; returns the time after the last. */
    long open(long t) throws IOException {
        segment(t, true, FrameWriter.SYN, 29200, SYN_OPTIONS, null, 0, 0);
        clientSeq++;
        t += rtt / 2;
        segment(t, false, FrameWriter.SYN | FrameWriter.ACK, 28960, SYNACK_OPTIONS, null, 0, 0);
        serverSeq++;
        t += rtt / 2;
        segment(t, true, FrameWriter.ACK, WINDOW, null, null, 0, 0);
        return t + SEGMENT_GAP;
    }

    /** A SYN the other side never answers, or answers with RST: the scanner's half of a scan probe. */
    long probe(long t, boolean answered, boolean open) throws IOException {
        segment(t, true, FrameWriter.SYN, 1024, new byte[] {2, 4, 0x05, (byte) 0xB4}, null, 0, 0);
        clientSeq++;
        if (!answered) {
            return t + SEGMENT_GAP;
        }
        t += rtt / 2;
        if (open) {
            // an open port answers SYN-ACK; the scanner, which never meant to connect, resets
            segment(t, false, FrameWriter.SYN | FrameWriter.ACK, 28960, new byte[] {2, 4, 0x05, (byte) 0xB4}, null, 0, 0);
            serverSeq++;
            t += rtt / 2;
            segment(t, true, FrameWriter.RST, 0, null, null, 0, 0);
        } else {
            // a closed port: RST-ACK acknowledging the SYN (the reset carries sequence 0)
            serverSeq = 0;
            segment(t, false, FrameWriter.RST | FrameWriter.ACK, 0, null, null, 0, 0);
        }
        return t + SEGMENT_GAP;
    }

    /**
     * {@code length} bytes of {@code message} from one side, in MSS-sized segments (the last with
     * PSH), sent in bursts, each burst acknowledged by the other side every second segment.
     */
    long send(long t, boolean fromClient, byte[] message, int length) throws IOException {
        int sent = 0;
        while (sent < length) {
            int burstStart = sent;
            long burstSeq = fromClient ? clientSeq : serverSeq;
            int segments = 0;
            while (sent < length && segments < BURST) {
                int n = Math.min(MSS, length - sent);
                int flags = FrameWriter.ACK | (sent + n == length ? FrameWriter.PSH : 0);
                segment(t, fromClient, flags, WINDOW, null, message, sent, n);
                advance(fromClient, n);
                sent += n;
                segments++;
                t += SEGMENT_GAP;
            }
            // the receiver's acknowledgements come back one round trip later, as seen from the far end
            // of the sender; delayed ACK: one for every two segments, and one for an odd last
            t += fromClient ? SEGMENT_GAP * 4 : rtt;
            for (int i = 2; i <= segments; i += 2) {
                ack(t, !fromClient, burstSeq + Math.min(sent - burstStart, i * MSS));
                t += SEGMENT_GAP;
            }
            if (segments % 2 == 1) {
                ack(t, !fromClient, burstSeq + (sent - burstStart));
                t += SEGMENT_GAP;
            }
        }
        return t;
    }

    /** FIN from one side, FIN-ACK from the other, the last ACK: both sides end in TIME_WAIT / CLOSE. */
    long close(long t, boolean clientFirst) throws IOException {
        segment(t, clientFirst, FrameWriter.FIN | FrameWriter.ACK, WINDOW, null, null, 0, 0);
        advance(clientFirst, 1);
        t += clientFirst ? SEGMENT_GAP * 4 : rtt;
        segment(t, !clientFirst, FrameWriter.FIN | FrameWriter.ACK, WINDOW, null, null, 0, 0);
        advance(!clientFirst, 1);
        t += clientFirst ? rtt : SEGMENT_GAP * 4;
        segment(t, clientFirst, FrameWriter.ACK, WINDOW, null, null, 0, 0);
        return t + SEGMENT_GAP;
    }

    /** A pure acknowledgement from one side, of the other side's data up to sequence number {@code acknowledged}. */
    private void ack(long t, boolean byClient, long acknowledged) throws IOException {
        if (byClient) {
            out.tcp(t, clientTtl, client, server, clientPort, serverPort, clientSeq, acknowledged & 0xFFFFFFFFL,
                    FrameWriter.ACK, WINDOW, null, null, 0, 0);
        } else {
            out.tcp(t, serverTtl, server, client, serverPort, clientPort, serverSeq, acknowledged & 0xFFFFFFFFL,
                    FrameWriter.ACK, WINDOW, null, null, 0, 0);
        }
    }

    private void segment(long t, boolean fromClient, int flags, int window, byte[] options, byte[] message, int from,
                         int length) throws IOException {
        if (fromClient) {
            out.tcp(t, clientTtl, client, server, clientPort, serverPort, clientSeq, serverSeq, flags, window, options,
                    message, from, length);
        } else {
            out.tcp(t, serverTtl, server, client, serverPort, clientPort, serverSeq, clientSeq, flags, window, options,
                    message, from, length);
        }
    }

    private void advance(boolean fromClient, int n) {
        if (fromClient) {
            clientSeq = (clientSeq + n) & 0xFFFFFFFFL;
        } else {
            serverSeq = (serverSeq + n) & 0xFFFFFFFFL;
        }
    }
}
