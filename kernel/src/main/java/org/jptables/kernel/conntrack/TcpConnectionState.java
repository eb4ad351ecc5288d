package org.jptables.kernel.conntrack;

import java.util.Arrays;

/**
 * The TCP part of every entry (struct ip_ct_tcp): the state, each direction's window bookkeeping
 * (ip_ct_tcp_state, at index {@code 2 * entry + direction}) and the last segment seen, which the
 * tracker needs to recognise retransmissions, challenge ACKs and SYNs it let through. Field names
 * follow the kernel's so the code can be read beside nf_conntrack_proto_tcp.c.
 */
final class TcpConnectionState {
    // ---- per-direction flags (ip_ct_tcp_state.flags, IP_CT_TCP_FLAG_*) ----
    static final int WINDOW_SCALE = 0x01;
    static final int SACK_PERM = 0x02;
    static final int CLOSE_INIT = 0x04;
    static final int BE_LIBERAL = 0x08;
    static final int DATA_UNACKNOWLEDGED = 0x10;
    static final int MAXACK_SET = 0x20;
    static final int EXP_CHALLENGE_ACK = 0x40;
    static final int SIMULTANEOUS_OPEN = 0x80;

    /** Per entry: a TcpStateTable state. */
    int[] state = new int[0];

    // ---- per direction ----
    int[] tdEnd = new int[0];
    int[] tdMaxEnd = new int[0];
    int[] tdMaxWin = new int[0];
    int[] tdMaxAck = new int[0];
    int[] tdScale = new int[0];
    int[] tdFlags = new int[0];

    // ---- per entry: the last segment (its direction, kind, sequence numbers, window, options) ----
    int[] lastDir = new int[0];
    int[] lastIndex = new int[0];
    int[] lastSeq = new int[0];
    int[] lastAck = new int[0];
    int[] lastEnd = new int[0];
    int[] lastWin = new int[0];
    int[] lastWscale = new int[0];
    int[] lastFlags = new int[0];
    int[] retrans = new int[0];

    void grow(int capacity) {
        state = Arrays.copyOf(state, capacity);
        tdEnd = Arrays.copyOf(tdEnd, 2 * capacity);
        tdMaxEnd = Arrays.copyOf(tdMaxEnd, 2 * capacity);
        tdMaxWin = Arrays.copyOf(tdMaxWin, 2 * capacity);
        tdMaxAck = Arrays.copyOf(tdMaxAck, 2 * capacity);
        tdScale = Arrays.copyOf(tdScale, 2 * capacity);
        tdFlags = Arrays.copyOf(tdFlags, 2 * capacity);
        lastDir = Arrays.copyOf(lastDir, capacity);
        lastIndex = Arrays.copyOf(lastIndex, capacity);
        lastSeq = Arrays.copyOf(lastSeq, capacity);
        lastAck = Arrays.copyOf(lastAck, capacity);
        lastEnd = Arrays.copyOf(lastEnd, capacity);
        lastWin = Arrays.copyOf(lastWin, capacity);
        lastWscale = Arrays.copyOf(lastWscale, capacity);
        lastFlags = Arrays.copyOf(lastFlags, capacity);
        retrans = Arrays.copyOf(retrans, capacity);
    }

    /** A handle is reused: nothing of the connection that had it may leak into the new one. */
    void reset(int e) {
        state[e] = TcpStateTable.T_NONE;
        for (int d = 2 * e; d < 2 * e + 2; d++) {
            tdEnd[d] = 0;
            tdMaxEnd[d] = 0;
            tdMaxWin[d] = 0;
            tdMaxAck[d] = 0;
            tdScale[d] = 0;
            tdFlags[d] = 0;
        }
        lastDir[e] = 0;
        lastIndex[e] = 0;
        lastSeq[e] = 0;
        lastAck[e] = 0;
        lastEnd[e] = 0;
        lastWin[e] = 0;
        lastWscale[e] = 0;
        lastFlags[e] = 0;
        retrans[e] = 0;
    }

    /** Forgets what was learnt of one direction, except that it is to be treated liberally. */
    void resetDirection(int d) {
        tdEnd[d] = 0;
        tdMaxEnd[d] = 0;
        tdMaxWin[d] = 0;
        tdMaxAck[d] = 0;
        tdScale[d] = 0;
        tdFlags[d] &= BE_LIBERAL;
    }
}
