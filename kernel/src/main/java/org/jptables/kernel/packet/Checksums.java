package org.jptables.kernel.packet;

/** The Internet checksum (RFC 1071) over byte ranges, for headers this project writes. */
public final class Checksums {
    private Checksums() {
    }

    /** The one's-complement sum of {@code length} bytes at {@code offset}, folded, added to {@code initial}. */
    public static int sum(byte[] data, int offset, int length, int initial) {
        long sum = initial;
        int i = offset;
        int end = offset + length;
        for (; i + 1 < end; i += 2) {
            sum += ((data[i] & 0xFF) << 8) | (data[i + 1] & 0xFF);
        }
        if (i < end) {
            sum += (data[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** The checksum field value for the given sum. */
    public static int finish(int sum) {
        return ~sum & 0xFFFF;
    }
}
