package org.jptables.examples.srcquota;

import java.util.Arrays;

/**
 * An open-addressing hash table from IPv4 address (int) to a long, sized once for a maximum number
 * of addresses so that lookups and inserts never allocate or box. Linear probing over a power-of-two
 * array kept at most half full; no removal, as a quota table only grows.
 */
final class SourceTable {
    private static final long EMPTY = -1;
    private final int[] keys;
    private final long[] values;
    private final int mask;
    private final int shift;
    private final int capacity;
    private int size;

    /** A table for up to {@code capacity} addresses. */
    SourceTable(int capacity) {
        int slots = Integer.highestOneBit(Math.max(8, capacity) * 2 - 1) << 1;
        this.keys = new int[slots];
        this.values = new long[slots];
        Arrays.fill(values, EMPTY);
        this.mask = slots - 1;
        this.shift = 32 - Integer.numberOfTrailingZeros(slots);
        this.capacity = capacity;
    }

    /**
     * The slot of {@code address}, added with value 0 when new; -1 when it is new and the table
     * already holds {@code capacity} addresses.
     */
    int slot(int address) {
        int i = (address * 0x9E3779B9) >>> shift;
        while (values[i] != EMPTY) {
            if (keys[i] == address) {
                return i;
            }
            i = (i + 1) & mask;
        }
        if (size == capacity) {
            return -1;
        }
        keys[i] = address;
        values[i] = 0;
        size++;
        return i;
    }

    long value(int slot) {
        return values[slot];
    }

    /** Sets a slot's value; values are never negative. */
    void set(int slot, long value) {
        values[slot] = value;
    }

    /** The value of {@code address}, -1 when it is not in the table. */
    long get(int address) {
        int i = (address * 0x9E3779B9) >>> shift;
        while (values[i] != EMPTY) {
            if (keys[i] == address) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return EMPTY;
    }

    /** How many addresses the table holds. */
    int size() {
        return size;
    }

    /** The number of slots (a power of two, at least twice the capacity). */
    int slots() {
        return keys.length;
    }
}
