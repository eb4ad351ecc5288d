package org.jptables.kernel.classify;

/**
 * The checks nearly every rule has (protocol, masked source and destination, one range of each
 * port, and the random draw of kube-proxy's endpoint picks), kept for all the rules of a chain in
 * one int array, a row of {@link #STRIDE} ints per rule: a candidate is checked from one or two
 * cache lines, without following references. The field indexes keep a copy of each rule's row
 * beside its number, so that the candidates of one lookup sit together in memory. A row holds one
 * check of each kind; a rule with a second one (or any other kind, or a protocol or port outside
 * the packed ranges) keeps it as a {@link Check}, and its row says so. The row is packed (the
 * protocol beside the flags, each port range in one int) so that a table's record of a rule,
 * counters included, is one cache line's worth.
 */
final class FlatChecks {
    static final int STRIDE = 8;

    /** The flags below, and the protocol number in bits 16 to 23. */
    private static final int FLAGS = 0;
    private static final int SOURCE = 1;
    private static final int SOURCE_MASK = 2;
    private static final int DESTINATION = 3;
    private static final int DESTINATION_MASK = 4;
    /** The source port range: the low port in the low 16 bits, the high port in the high 16. */
    private static final int SPORTS = 5;
    private static final int DPORTS = 6;
    /** The draw's threshold: the rule passes when a fresh 31-bit number is below it (unsigned). */
    private static final int RANDOM = 7;

    private static final int PROTOCOL_SHIFT = 16;

    private static final int HAS_PROTOCOL = 1;
    private static final int PROTOCOL_INVERTED = 1 << 1;
    private static final int HAS_SOURCE = 1 << 2;
    private static final int SOURCE_INVERTED = 1 << 3;
    private static final int HAS_DESTINATION = 1 << 4;
    private static final int DESTINATION_INVERTED = 1 << 5;
    private static final int HAS_SPORT = 1 << 6;
    private static final int SPORT_INVERTED = 1 << 7;
    private static final int HAS_DPORT = 1 << 8;
    private static final int DPORT_INVERTED = 1 << 9;
    /** The rule is decided by its checks: its matches need not be called. */
    private static final int EXACT = 1 << 10;
    /** The rule has checks beyond its row ({@link Check}s). */
    private static final int HAS_EXTRA = 1 << 11;
    private static final int HAS_RANDOM = 1 << 12;
    private static final int RANDOM_INVERTED = 1 << 13;
    private static final int ANY_CHECK = (1 << 10) - 1 | HAS_RANDOM;

    private FlatChecks() {
    }

    static int[] emptyRow() {
        return new int[STRIDE];
    }

    /** Puts a protocol check in the row; false when it holds one already or the number is not a byte. */
    static boolean protocol(int[] row, int number, boolean inverted) {
        if ((row[FLAGS] & HAS_PROTOCOL) != 0 || number < 0 || number > 0xFF) {
            return false;
        }
        row[FLAGS] |= HAS_PROTOCOL | (inverted ? PROTOCOL_INVERTED : 0) | number << PROTOCOL_SHIFT;
        return true;
    }

    static boolean address(int[] row, boolean source, int value, int mask, boolean inverted) {
        int has = source ? HAS_SOURCE : HAS_DESTINATION;
        if ((row[FLAGS] & has) != 0) {
            return false;
        }
        row[FLAGS] |= has | (inverted ? (source ? SOURCE_INVERTED : DESTINATION_INVERTED) : 0);
        row[source ? SOURCE : DESTINATION] = value;
        row[source ? SOURCE_MASK : DESTINATION_MASK] = mask;
        return true;
    }

    static boolean ports(int[] row, boolean source, int low, int high, boolean inverted) {
        int has = source ? HAS_SPORT : HAS_DPORT;
        if ((row[FLAGS] & has) != 0 || low < 0 || low > 0xFFFF || high < 0 || high > 0xFFFF) {
            return false;
        }
        row[FLAGS] |= has | (inverted ? (source ? SPORT_INVERTED : DPORT_INVERTED) : 0);
        row[source ? SPORTS : DPORTS] = low | high << 16;
        return true;
    }

    static boolean random(int[] row, long threshold, boolean inverted) {
        if ((row[FLAGS] & HAS_RANDOM) != 0) {
            return false;
        }
        row[FLAGS] |= HAS_RANDOM | (inverted ? RANDOM_INVERTED : 0);
        row[RANDOM] = (int) threshold;
        return true;
    }

    static void exact(int[] row) {
        row[FLAGS] |= EXACT;
    }

    static void hasExtra(int[] row) {
        row[FLAGS] |= HAS_EXTRA;
    }

    static boolean exact(int[] rows, int at) {
        return (rows[at + FLAGS] & EXACT) != 0;
    }

    static boolean hasExtra(int[] rows, int at) {
        return (rows[at + FLAGS] & HAS_EXTRA) != 0;
    }

    /**
     * Whether the row starting at {@code at} of {@code rows} lets the packet through (its
     * {@link Check}s, if it has any, are the caller's to run).
     */
    static boolean admits(int[] rows, int at, PacketKey key) {
        int flags = rows[at + FLAGS];
        if ((flags & ANY_CHECK) == 0) {
            return true;
        }
        if ((flags & HAS_PROTOCOL) != 0
                && (key.protocol == (flags >>> PROTOCOL_SHIFT & 0xFF)) == ((flags & PROTOCOL_INVERTED) != 0)) {
            return false;
        }
        if ((flags & HAS_SOURCE) != 0
                && ((key.source & rows[at + SOURCE_MASK]) == rows[at + SOURCE]) == ((flags & SOURCE_INVERTED) != 0)) {
            return false;
        }
        if ((flags & HAS_DESTINATION) != 0 && ((key.destination & rows[at + DESTINATION_MASK]) == rows[at + DESTINATION])
                == ((flags & DESTINATION_INVERTED) != 0)) {
            return false;
        }
        if ((flags & HAS_SPORT) != 0 && inside(key.sourcePort, rows[at + SPORTS])
                == ((flags & SPORT_INVERTED) != 0)) {
            return false;
        }
        if ((flags & HAS_DPORT) != 0 && inside(key.destinationPort, rows[at + DPORTS])
                == ((flags & DPORT_INVERTED) != 0)) {
            return false;
        }
        // last: a draw only for a packet that passed everything else, as the match is called
        return (flags & HAS_RANDOM) == 0
                || (Integer.compareUnsigned(key.random31(), rows[at + RANDOM]) < 0) != ((flags & RANDOM_INVERTED) != 0);
    }

    /** A packet without ports (-1) is inside no range. */
    private static boolean inside(int port, int range) {
        return port >= 0 && port >= (range & 0xFFFF) && port <= range >>> 16;
    }
}
