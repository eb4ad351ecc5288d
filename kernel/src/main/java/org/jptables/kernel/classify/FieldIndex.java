package org.jptables.kernel.classify;

import java.util.Arrays;

/**
 * The rules indexed on one field: the field's values cut into elementary intervals at every
 * bound a rule names, each interval holding the rules (ascending) whose intervals cover it. A
 * packet's value finds its interval by binary search: the rules there are the only ones of this
 * index it can match. Consecutive intervals with the same rules share one array.
 */
final class FieldIndex {
    private static final int[] NONE = new int[0];
    /** An entry of a list: the rule's number, then a copy of its {@link FlatChecks} row. */
    static final int ENTRY = 1 + FlatChecks.STRIDE;

    final KeyField field;
    /** The first value of each elementary interval, ascending; starts[0] is 0. */
    private final long[] starts;
    private final int[][] rules;
    /**
     * For an index of many intervals, a first level as in DIR-16 route lookups: for each value of
     * the top 16 bits, the first interval starting at or above it, so that a lookup searches only
     * the few intervals under one top value (cache misses, not comparisons, are the cost), or null.
     */
    private final int[] top;
    private final int shift;
    /**
     * For top values under which many intervals start (10,000 services in one /16), a second
     * level over the next bits, as the first: where that top value's part of {@link #second}
     * begins, or -1; and how many bits it uses. Null when no top value needs one.
     */
    private final int[] secondAt;
    private final byte[] secondBits;
    private final int[] second;

    private FieldIndex(KeyField field, long[] starts, int[][] rules) {
        this.field = field;
        this.starts = starts;
        this.rules = rules;
        this.shift = Math.max(0, field.bits - TOP_BITS);
        this.top = starts.length > TOP_WORTHWHILE && field.bits >= TOP_BITS ? topLevel(starts, shift) : null;
        SecondLevel levels = top == null ? null : SecondLevel.of(starts, top, shift);
        this.secondAt = levels == null ? null : levels.at();
        this.secondBits = levels == null ? null : levels.bits();
        this.second = levels == null ? null : levels.first();
    }

    private static final int TOP_BITS = 16;
    /** Below this many intervals a binary search stays in a few cache lines. */
    private static final int TOP_WORTHWHILE = 64;

    private static int[] topLevel(long[] starts, int shift) {
        int[] first = new int[(1 << TOP_BITS) + 1];
        int j = 0;
        for (int h = 0; h <= 1 << TOP_BITS; h++) {
            while (j < starts.length && (starts[j] >>> shift) < h) {
                j++;
            }
            first[h] = j;
        }
        return first;
    }

    /**
     * The rules whose intervals hold the packet's value of the field (none when it has no value),
     * as entries of {@link #ENTRY} ints in rule order.
     */
    int[] candidates(PacketKey key) {
        long value = field.read(key);
        if (value < 0) {
            return NONE;
        }
        int lo = 0;
        int hi = starts.length - 1;
        if (top != null) {
            // the answer is among the intervals starting under this top value, or the one before them
            int h = (int) (value >>> shift);
            lo = Math.max(top[h] - 1, 0);
            hi = top[h + 1] - 1;
            if (secondAt != null && secondAt[h] >= 0) {
                int bits = secondBits[h];
                int at = secondAt[h] + (int) ((value >>> (shift - bits)) & ((1 << bits) - 1));
                lo = Math.max(second[at] - 1, lo);
                hi = second[at + 1] - 1;
            }
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= value) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return rules[lo];
    }

    /** How many rule entries the index holds in all: a rule appears once per interval it covers. */
    static long replication(long[][] intervals) {
        long[] starts = bounds(intervals);
        long total = 0;
        for (long[] ranges : intervals) {
            for (int i = 0; i < ranges.length; i += 2) {
                total += position(starts, ranges[i + 1]) - position(starts, ranges[i]) + 1;
            }
        }
        return total;
    }

    /**
     * Builds the index of rules {@code ruleNumbers[k]} confined to {@code intervals[k]} (pairs of
     * inclusive bounds), the rule numbers ascending; {@code rows} holds every rule's row.
     */
    static FieldIndex build(KeyField field, int[] ruleNumbers, long[][] intervals, int[] rows) {
        long[] starts = bounds(intervals);
        int[] counts = new int[starts.length];
        for (long[] ranges : intervals) {
            for (int i = 0; i < ranges.length; i += 2) {
                int last = position(starts, ranges[i + 1]);
                for (int j = position(starts, ranges[i]); j <= last; j++) {
                    counts[j]++;
                }
            }
        }
        int[][] lists = new int[starts.length][];
        for (int j = 0; j < starts.length; j++) {
            lists[j] = counts[j] == 0 ? NONE : new int[counts[j] * ENTRY];
        }
        int[] filled = new int[starts.length];
        for (int k = 0; k < ruleNumbers.length; k++) {
            long[] ranges = intervals[k];
            for (int i = 0; i < ranges.length; i += 2) {
                int last = position(starts, ranges[i + 1]);
                for (int j = position(starts, ranges[i]); j <= last; j++) {
                    int[] list = lists[j];
                    // a rule whose ranges overlap lands twice in one interval: keep it once
                    if (filled[j] == 0 || list[(filled[j] - 1) * ENTRY] != ruleNumbers[k]) {
                        int at = filled[j]++ * ENTRY;
                        list[at] = ruleNumbers[k];
                        System.arraycopy(rows, ruleNumbers[k] * FlatChecks.STRIDE, list, at + 1, FlatChecks.STRIDE);
                    }
                }
            }
        }
        for (int j = 0; j < starts.length; j++) {
            if (filled[j] * ENTRY != lists[j].length) {
                lists[j] = Arrays.copyOf(lists[j], filled[j] * ENTRY);
            }
            if (j > 0 && Arrays.equals(lists[j], lists[j - 1])) {
                lists[j] = lists[j - 1];
            }
        }
        return new FieldIndex(field, starts, lists);
    }

    /** Every interval's first value: 0, each rule's low bound, and the value after each high bound. */
    private static long[] bounds(long[][] intervals) {
        int n = 1;
        for (long[] ranges : intervals) {
            n += ranges.length;
        }
        long[] all = new long[n];
        int k = 1;
        for (long[] ranges : intervals) {
            for (int i = 0; i < ranges.length; i += 2) {
                all[k++] = ranges[i];
                all[k++] = ranges[i + 1] + 1;
            }
        }
        Arrays.sort(all);
        int unique = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[unique - 1]) {
                all[unique++] = all[i];
            }
        }
        return Arrays.copyOf(all, unique);
    }

    /** The elementary interval holding {@code value}. */
    private static int position(long[] starts, long value) {
        int found = Arrays.binarySearch(starts, value);
        return found >= 0 ? found : -found - 2;
    }

    /** The distinct rule lists' total length and the number of intervals, for reports. */
    long entries() {
        long total = 0;
        for (int j = 0; j < rules.length; j++) {
            if (j == 0 || rules[j] != rules[j - 1]) {
                total += rules[j].length / ENTRY;
            }
        }
        return total;
    }

    /** The rule numbers of a list of entries. */
    static int[] ruleNumbers(int[] list) {
        int[] numbers = new int[list.length / ENTRY];
        for (int k = 0; k < numbers.length; k++) {
            numbers[k] = list[k * ENTRY];
        }
        return numbers;
    }

    int intervals() {
        return starts.length;
    }
}
