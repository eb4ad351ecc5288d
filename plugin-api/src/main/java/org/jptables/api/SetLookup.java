package org.jptables.api;

/**
 * How a rule asks a set about a packet (the kernel's struct ip_set_adt_opt, made once when the
 * rule is loaded): which address or port of the packet each dimension of the element is taken
 * from, the command flags, the timeout an addition gives, and the counter comparisons of the set
 * match.
 *
 * @param dimension     how many directions the rule gave (1 to {@link #MAX_DIMENSION})
 * @param sourceBits    bit {@code i} set: dimension {@code i + 1} is taken from the source,
 *                      clear: from the destination
 * @param flags         the {@code FLAG_*} bits
 * @param timeout       the timeout in seconds an addition gives its entry, or {@link #SET_TIMEOUT}
 *                      for the set's own default
 * @param packetsOp     one of the {@code COUNTER_*} comparisons for the entry's packet counter
 * @param packets       the value {@code packetsOp} compares with
 * @param bytesOp       one of the {@code COUNTER_*} comparisons for the entry's byte counter
 * @param bytes         the value {@code bytesOp} compares with
 */
public record SetLookup(int dimension, int sourceBits, int flags, long timeout, int packetsOp, long packets,
                        int bytesOp, long bytes) {
    /** IPSET_DIM_MAX: at most six directions. */
    public static final int MAX_DIMENSION = 6;
    /** IPSET_NO_TIMEOUT: the set's own default timeout. */
    public static final long SET_TIMEOUT = 0xFFFFFFFFL;

    /** IPSET_FLAG_EXIST: an addition of an entry that is there renews it. */
    public static final int FLAG_EXIST = 1;
    /** IPSET_FLAG_RETURN_NOMATCH: a nomatch entry matches (and a plain one does not). */
    public static final int FLAG_RETURN_NOMATCH = 1 << 7;
    /** IPSET_FLAG_SKIP_COUNTER_UPDATE: {@code ! --update-counters}. */
    public static final int FLAG_SKIP_COUNTER_UPDATE = 1 << 3;
    /** IPSET_FLAG_SKIP_SUBCOUNTER_UPDATE: {@code ! --update-subcounters}. */
    public static final int FLAG_SKIP_SUBCOUNTER_UPDATE = 1 << 4;
    /** IPSET_FLAG_MAP_SKBMARK: {@code --map-mark}. */
    public static final int FLAG_MAP_SKBMARK = 1 << 8;
    /** IPSET_FLAG_MAP_SKBPRIO: {@code --map-prio}. */
    public static final int FLAG_MAP_SKBPRIO = 1 << 9;
    /** IPSET_FLAG_MAP_SKBQUEUE: {@code --map-queue}. */
    public static final int FLAG_MAP_SKBQUEUE = 1 << 10;

    /** No comparison. */
    public static final int COUNTER_NONE = 0;
    /** The counter equals the value. */
    public static final int COUNTER_EQ = 1;
    /** The counter differs from the value. */
    public static final int COUNTER_NE = 2;
    /** The counter is below the value (unsigned). */
    public static final int COUNTER_LT = 3;
    /** The counter is above the value (unsigned). */
    public static final int COUNTER_GT = 4;

    public SetLookup {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("dimension " + dimension + " outside 1-" + MAX_DIMENSION);
        }
    }

    /** A lookup of {@code dimension} directions, nothing else asked. */
    public static SetLookup of(int dimension, int sourceBits) {
        return new SetLookup(dimension, sourceBits, 0, SET_TIMEOUT, COUNTER_NONE, 0, COUNTER_NONE, 0);
    }

    /** Whether dimension {@code index} (0-based) is taken from the packet's source. */
    public boolean source(int index) {
        return (sourceBits & (1 << index)) != 0;
    }

    /** Whether a counter comparison is asked (the kernel's IPSET_FLAG_MATCH_COUNTERS). */
    public boolean comparesCounters() {
        return packetsOp != COUNTER_NONE || bytesOp != COUNTER_NONE;
    }

    /** Whether {@code counter} passes the comparison {@code op} with {@code value}, unsigned as the kernel's u64. */
    public static boolean compare(int op, long counter, long value) {
        return switch (op) {
            case COUNTER_EQ -> counter == value;
            case COUNTER_NE -> counter != value;
            case COUNTER_LT -> Long.compareUnsigned(counter, value) < 0;
            case COUNTER_GT -> Long.compareUnsigned(counter, value) > 0;
            default -> true;
        };
    }
}
