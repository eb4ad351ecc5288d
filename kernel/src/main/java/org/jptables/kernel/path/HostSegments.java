package org.jptables.kernel.path;

import java.util.Arrays;

/**
 * The packets a target asked the host to send while the table at work handles a packet
 * (SYNPROXY's segments, Packet#sendFromHost), kept until that table is done, as REJECT's answer
 * is: each with the connection it leaves with.
 */
final class HostSegments {
    /** The segment is tracked afresh by conntrack's OUTPUT hook (SYNPROXY's template, a packet without an entry). */
    static final int TRACK = -2;
    /** Tracked afresh with SYNPROXY's template: the connection it makes gets synproxy's state. */
    static final int TRACK_SYNPROXY = -3;

    private static final int MAX = 4;
    private final byte[][] packets = new byte[MAX][];
    private final int[] connections = new int[MAX];
    private int count;

    /** Keeps a copy; {@code connection}: an entry's handle to attach the segment to, {@link #TRACK} or {@link #TRACK_SYNPROXY}. */
    void add(byte[] ip, int length, int connection) {
        if (count == MAX) {
            return; // a target sends at most two per packet; more would be a loop
        }
        packets[count] = Arrays.copyOf(ip, length);
        connections[count] = connection;
        count++;
    }

    boolean isEmpty() {
        return count == 0;
    }

    int size() {
        return count;
    }

    byte[] packet(int i) {
        return packets[i];
    }

    int connection(int i) {
        return connections[i];
    }

    /** Forgets them all, once sent. */
    void clear() {
        Arrays.fill(packets, null);
        count = 0;
    }
}
