package org.jptables.kernel.conntrack;

/**
 * The TCP connection states and the table of transitions between them (tcp_conntracks[] in
 * nf_conntrack_proto_tcp.c): what a segment of a given kind, in a given direction, makes of the
 * state a connection is in. The window checks that may still reject the segment are TcpWindow's.
 */
final class TcpStateTable {
    // ---- states, numbered as enum tcp_conntrack (ConntrackConfig's timeout table uses the numbers) ----
    static final int T_NONE = 0;
    static final int T_SYN_SENT = 1;
    static final int T_SYN_RECV = 2;
    static final int T_ESTABLISHED = 3;
    static final int T_FIN_WAIT = 4;
    static final int T_CLOSE_WAIT = 5;
    static final int T_LAST_ACK = 6;
    static final int T_TIME_WAIT = 7;
    static final int T_CLOSE = 8;
    static final int T_SYN_SENT2 = 9;
    /** In the table: the segment is invalid in this state. */
    static final int T_MAX = 10;
    /** In the table: the segment may be valid but is not trusted to change the state. */
    static final int T_IGNORE = 11;
    /** Not states, the timeout table's indices of the retransmission and unacknowledged-data timeouts. */
    static final int T_RETRANS = 12;
    static final int T_UNACK = 13;

    private static final String[] NAMES = {"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
            "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2"};

    // ---- segment kinds: which of SYN / SYN+ACK / FIN / ACK / RST / none a segment is ----
    static final int I_SYN = 0;
    static final int I_SYNACK = 1;
    static final int I_FIN = 2;
    static final int I_ACK = 3;
    static final int I_RST = 4;
    static final int I_NONE = 5;

    // ---- TCP header flag bits ----
    static final int F_FIN = 0x01;
    static final int F_SYN = 0x02;
    static final int F_RST = 0x04;
    static final int F_PSH = 0x08;
    static final int F_ACK = 0x10;
    static final int F_URG = 0x20;
    static final int F_ECE = 0x40;
    static final int F_CWR = 0x80;

    /**
     * [direction][segment kind][old state] gives the new state. Columns: NONE, SYN_SENT, SYN_RECV,
     * ESTABLISHED, FIN_WAIT, CLOSE_WAIT, LAST_ACK, TIME_WAIT, CLOSE, SYN_SENT2.
     */
    private static final byte[][][] TRANSITIONS = {
        { // original direction
            row(T_SYN_SENT, T_SYN_SENT, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_SYN_SENT, T_SYN_SENT,
                    T_SYN_SENT2),                                                                     // syn
            row(T_MAX, T_MAX, T_SYN_RECV, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_SYN_RECV),      // syn+ack
            row(T_MAX, T_MAX, T_FIN_WAIT, T_FIN_WAIT, T_LAST_ACK, T_LAST_ACK, T_LAST_ACK, T_TIME_WAIT, T_CLOSE,
                    T_MAX),                                                                           // fin
            row(T_ESTABLISHED, T_MAX, T_ESTABLISHED, T_ESTABLISHED, T_CLOSE_WAIT, T_CLOSE_WAIT, T_TIME_WAIT,
                    T_TIME_WAIT, T_CLOSE, T_MAX),                                                     // ack
            row(T_MAX, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE), // rst
            row(T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX)                 // none
        },
        { // reply direction
            row(T_MAX, T_SYN_SENT2, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_SYN_SENT, T_MAX, T_SYN_SENT2), // syn
            row(T_MAX, T_SYN_RECV, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE,
                    T_SYN_RECV),                                                                      // syn+ack
            row(T_MAX, T_MAX, T_FIN_WAIT, T_FIN_WAIT, T_LAST_ACK, T_LAST_ACK, T_LAST_ACK, T_TIME_WAIT, T_CLOSE,
                    T_MAX),                                                                           // fin
            row(T_MAX, T_IGNORE, T_SYN_RECV, T_ESTABLISHED, T_CLOSE_WAIT, T_CLOSE_WAIT, T_TIME_WAIT, T_TIME_WAIT,
                    T_CLOSE, T_IGNORE),                                                               // ack
            row(T_MAX, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE), // rst
            row(T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX)                 // none
        }
    };

    /** The valid combinations of FIN, SYN, RST, ACK, URG (PSH, ECE, CWR are always allowed). */
    private static final boolean[] VALID_FLAGS = new boolean[0x40];

    static {
        int[] valid = {F_SYN, F_SYN | F_URG, F_SYN | F_ACK, F_RST, F_RST | F_ACK, F_FIN | F_ACK,
                F_FIN | F_ACK | F_URG, F_ACK, F_ACK | F_URG};
        for (int v : valid) {
            VALID_FLAGS[v] = true;
        }
    }

    private TcpStateTable() {
    }

    private static byte[] row(int... states) {
        byte[] r = new byte[states.length];
        for (int i = 0; i < states.length; i++) {
            r[i] = (byte) states[i];
        }
        return r;
    }

    static int next(int dir, int segmentKind, int state) {
        return TRANSITIONS[dir][segmentKind][state];
    }

    /** tcp_valid_flags: nonsense combinations (SYN+FIN, none at all...) are INVALID whatever the state. */
    static boolean validFlags(int flags) {
        return VALID_FLAGS[flags & ~(F_ECE | F_CWR | F_PSH) & 0x3F];
    }

    /** get_conntrack_index: RST wins over SYN, SYN over FIN, FIN over ACK. */
    static int segmentKind(int flags) {
        if ((flags & F_RST) != 0) {
            return I_RST;
        }
        if ((flags & F_SYN) != 0) {
            return (flags & F_ACK) != 0 ? I_SYNACK : I_SYN;
        }
        if ((flags & F_FIN) != 0) {
            return I_FIN;
        }
        if ((flags & F_ACK) != 0) {
            return I_ACK;
        }
        return I_NONE;
    }

    /** The state's name as /proc shows it. */
    static String name(int state) {
        return NAMES[state];
    }
}
