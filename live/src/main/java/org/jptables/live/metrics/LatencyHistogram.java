package org.jptables.live.metrics;

/**
 * Latencies in nanoseconds, counted in log-linear buckets (eight per power of two: at most 12.5%
 * off), so that recording is two shifts and an increment and percentiles need no stored samples.
 * One writer (its queue's thread); readers see a figure at most a few packets old.
 */
public final class LatencyHistogram {
    private static final int SUB = 8;
    private static final int SUB_BITS = 3;
    private final long[] counts = new long[64 * SUB];
    private long total;
    private long sum;

    public void record(long nanos) {
        long v = Math.max(1, nanos);
        int exponent = 63 - Long.numberOfLeadingZeros(v);
        int sub = exponent < SUB_BITS ? (int) (v & (SUB - 1)) : (int) ((v >>> (exponent - SUB_BITS)) & (SUB - 1));
        counts[exponent * SUB + sub]++;
        total++;
        sum += nanos;
    }

    public long count() {
        return total;
    }

    public long sumNanos() {
        return sum;
    }

    /** The latency below which {@code fraction} of the recorded ones lie (the bucket's upper edge), 0 if none. */
    public long percentile(double fraction) {
        long n = total;
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * n);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperEdge(i);
            }
        }
        return upperEdge(counts.length - 1);
    }

    private static long upperEdge(int bucket) {
        int exponent = bucket / SUB;
        int sub = bucket % SUB;
        if (exponent < SUB_BITS) {
            return (1L << exponent) | sub;
        }
        long base = 1L << exponent;
        long step = base >>> SUB_BITS;
        return base + (sub + 1) * step - 1;
    }

    /** Adds another histogram's counts (to report several queues as one). */
    public void addTo(LatencyHistogram into) {
        for (int i = 0; i < counts.length; i++) {
            into.counts[i] += counts[i];
        }
        into.total += total;
        into.sum += sum;
    }
}
