package org.jptables.kernel.model;

/**
 * A packet and byte counter pair, as every rule and every built-in policy has. A rule's pair may
 * live in a compiled table's code ({@link #bind}), as the kernel keeps each rule's counters in its
 * entry of the table's blob: the compiled walk counts there without reaching this object, and
 * everyone else reads and sets the pair here as before. In the code each count is two ints, the
 * low half first.
 */
public final class Counters {
    private long packets;
    private long bytes;
    /** The code holding the pair (packets at {@link #at}, bytes after, two ints each), or null when held here. */
    private int[] shared;
    private int at;

    public Counters() {
    }

    public Counters(long packets, long bytes) {
        this.packets = packets;
        this.bytes = bytes;
    }

    public long packets() {
        return shared == null ? packets : read(shared, at);
    }

    public long bytes() {
        return shared == null ? bytes : read(shared, at + 2);
    }

    /** Counts one packet of {@code length} bytes. */
    public void add(int length) {
        if (shared == null) {
            packets++;
            bytes += length;
        } else {
            add(shared, at, length);
        }
    }

    /** Counts one packet of {@code length} bytes in the pair at {@code index} of {@code code}. */
    public static void add(int[] code, int index, int length) {
        write(code, index, read(code, index) + 1);
        write(code, index + 2, read(code, index + 2) + length);
    }

    public void set(long packets, long bytes) {
        if (shared == null) {
            this.packets = packets;
            this.bytes = bytes;
        } else {
            write(shared, at, packets);
            write(shared, at + 2, bytes);
        }
    }

    private static long read(int[] code, int index) {
        return code[index] & 0xFFFFFFFFL | (long) code[index + 1] << 32;
    }

    private static void write(int[] code, int index, long value) {
        code[index] = (int) value;
        code[index + 1] = (int) (value >>> 32);
    }

    public void zero() {
        set(0, 0);
    }

    /**
     * Moves the pair to {@code code} at {@code index} (packets, then bytes: four ints), with its
     * current values; from now on the pair is counted there, by whoever holds the code (through
     * {@link #add(int[], int, int)}) and by {@link #add(int)}.
     */
    public void bind(int[] code, int index) {
        long p = packets();
        long b = bytes();
        shared = code;
        at = index;
        set(p, b);
    }
}
