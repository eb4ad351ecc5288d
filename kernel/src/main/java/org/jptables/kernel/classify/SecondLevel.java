package org.jptables.kernel.classify;

import java.util.Arrays;

/**
 * The second level of a {@link FieldIndex}'s lookup table: under a top value where many intervals
 * start, a table over the next bits giving, for each of their values, the first interval starting
 * at or above it, so that a lookup binary-searches a handful of intervals instead of thousands
 * (each halving step of a cold search is a cache miss). Sized to the intervals it serves: about
 * four slots per interval, and only under crowded top values, so memory stays linear.
 *
 * @param at    per top value, where its slots begin in {@code first}, or -1
 * @param bits  per top value, the number of bits its slots cover
 * @param first the slots of every crowded top value, each run ending with one slot past its last
 */
record SecondLevel(int[] at, byte[] bits, int[] first) {
    /** A top value with more intervals than this gets a second level. */
    static final int CROWDED = 32;

    /** The second level for {@code starts} under {@code top}, or null when no top value is crowded. */
    static SecondLevel of(long[] starts, int[] top, int shift) {
        int values = top.length - 1;
        int[] at = new int[values];
        byte[] bits = new byte[values];
        Arrays.fill(at, -1);
        int size = 0;
        for (int h = 0; h < values; h++) {
            int count = top[h + 1] - top[h];
            if (count > CROWDED && shift > 0) {
                int b = Math.min(shift, 34 - Integer.numberOfLeadingZeros(count)); // about 4 slots an interval
                bits[h] = (byte) b;
                at[h] = size;
                size += (1 << b) + 1;
            }
        }
        if (size == 0) {
            return null;
        }
        int[] first = new int[size];
        for (int h = 0; h < values; h++) {
            if (at[h] < 0) {
                continue;
            }
            int b = bits[h];
            int subShift = shift - b;
            int j = top[h];
            for (int g = 0; g <= 1 << b; g++) {
                // the first interval whose start, under top value h, is at or above sub-value g
                while (j < top[h + 1] && ((starts[j] >>> subShift) & ((1L << b) - 1)) < g
                        && (starts[j] >>> shift) == h) {
                    j++;
                }
                first[at[h] + g] = j;
            }
        }
        return new SecondLevel(at, bits, first);
    }
}
