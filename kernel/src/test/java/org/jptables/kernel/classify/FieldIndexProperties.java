package org.jptables.kernel.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * A field index hands out exactly the rules whose intervals hold a value, in rule order, whatever
 * the intervals: nested, overlapping, touching, single values, the whole field, or none; with and
 * without the DIR-16 first level (32-bit fields with many intervals).
 */
class FieldIndexProperties {

    @Property(tries = 300)
    void portIndexGivesTheRulesHoldingTheValue(@ForAll @Size(min = 1, max = 120) List<@IntRange(max = 65535) Integer> bounds,
                                               @ForAll @Size(min = 1, max = 40) List<@IntRange(max = 65535) Integer> values) {
        check(KeyField.DESTINATION_PORT, widen(bounds), values.stream().mapToLong(Integer::longValue).toArray());
    }

    @Property(tries = 200)
    void addressIndexGivesTheRulesHoldingTheValue(@ForAll @Size(min = 1, max = 400) List<Integer> bounds,
                                                  @ForAll @Size(min = 1, max = 40) List<Integer> values) {
        long[] points = new long[values.size() + bounds.size()];
        int k = 0;
        for (int v : values) {
            points[k++] = v & 0xFFFFFFFFL;
        }
        for (int b : bounds) {
            points[k++] = b & 0xFFFFFFFFL; // the bounds themselves, where off-by-one errors live
        }
        List<Long> unsigned = new ArrayList<>();
        for (int b : bounds) {
            unsigned.add(b & 0xFFFFFFFFL);
        }
        check(KeyField.DESTINATION, unsigned, points);
    }

    /**
     * Bounds crowded under one or two top values (a kube-proxy table's services in one /16), so
     * that the second level of the lookup is built and searched, with values around the bounds.
     */
    @Property(tries = 200)
    void crowdedAddressIndexGivesTheRulesHoldingTheValue(@ForAll @Size(min = 40, max = 600) List<@IntRange(max = 0x1FFFF) Integer> bounds,
                                                         @ForAll @IntRange(max = 0xFFFE) int base,
                                                         @ForAll @Size(min = 1, max = 40) List<@IntRange(max = 0x1FFFF) Integer> values) {
        long offset = (long) base << 16;
        List<Long> unsigned = new ArrayList<>();
        List<Long> points = new ArrayList<>();
        for (int b : bounds) {
            unsigned.add(offset + b);
            points.add(offset + b);
            points.add(offset + b + 1);
            points.add(offset + b - 1);
        }
        for (int v : values) {
            points.add(offset + v);
        }
        check(KeyField.DESTINATION, unsigned, points.stream().mapToLong(Long::longValue).toArray());
    }

    private static List<Long> widen(List<Integer> values) {
        List<Long> out = new ArrayList<>();
        values.forEach(v -> out.add((long) v));
        return out;
    }

    /** Rules from consecutive bound pairs: a rule takes one or two intervals; every fifth has none. */
    private static void check(KeyField field, List<Long> bounds, long[] values) {
        List<long[]> intervals = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i += 2) {
            long a = Math.min(bounds.get(i), bounds.get(i + 1));
            long b = Math.max(bounds.get(i), bounds.get(i + 1));
            if (i % 10 == 8) {
                intervals.add(new long[0]);
            } else if (i % 6 == 4 && i > 0) {
                intervals.add(new long[] {a, b, intervals.size() % 7, intervals.size() % 7 + 3});
            } else {
                intervals.add(new long[] {a, b});
            }
        }
        if (intervals.isEmpty()) {
            intervals.add(new long[] {bounds.get(0), bounds.get(0)});
        }
        int[] numbers = new int[intervals.size()];
        for (int r = 0; r < numbers.length; r++) {
            numbers[r] = r * 3 + 1; // rule numbers need not be consecutive
        }
        int[] rows = new int[(numbers[numbers.length - 1] + 1) * FlatChecks.STRIDE];
        for (int r = 0; r < numbers.length; r++) {
            FlatChecks.ports(rows, true, numbers[r], numbers[r], false); // filler: each entry must carry its own row
            System.arraycopy(rows, 0, rows, numbers[r] * FlatChecks.STRIDE, FlatChecks.STRIDE);
            java.util.Arrays.fill(rows, 0, FlatChecks.STRIDE, 0);
        }
        FieldIndex index = FieldIndex.build(field, numbers, intervals.toArray(long[][]::new), rows);
        PacketKey key = new PacketKey();
        for (long value : values) {
            set(key, field, value);
            List<Integer> expected = new ArrayList<>();
            for (int r = 0; r < numbers.length; r++) {
                long[] ranges = intervals.get(r);
                for (int i = 0; i < ranges.length; i += 2) {
                    if (value >= ranges[i] && value <= ranges[i + 1]) {
                        expected.add(numbers[r]);
                        break;
                    }
                }
            }
            int[] entries = index.candidates(key);
            assertArrayEquals(expected.stream().mapToInt(Integer::intValue).toArray(), FieldIndex.ruleNumbers(entries),
                    "value " + value);
            for (int at = 0; at < entries.length; at += FieldIndex.ENTRY) {
                PacketKey port = new PacketKey();
                port.sourcePort = entries[at];
                assertTrue(FlatChecks.admits(entries, at + 1, port), "the row of rule " + entries[at] + " beside it");
                port.sourcePort = entries[at] + 1;
                assertFalse(FlatChecks.admits(entries, at + 1, port));
            }
        }
    }

    private static void set(PacketKey key, KeyField field, long value) {
        switch (field) {
            case DESTINATION -> key.destination = (int) value;
            case DESTINATION_PORT -> key.destinationPort = (int) value;
            default -> throw new IllegalArgumentException(field.name());
        }
    }
}
