package org.jptables.plugins.rateest;

/**
 * One named estimator of xt_RATEEST: the byte and packet counters RATEEST adds to, and
 * gen_estimator's moving averages of their rates, which {@code -m rateest} reads.
 *
 * <p>The kernel's timer fires every 250 ms << intvl_log from the moment the estimator is made;
 * jptables has no such moment on the packets' clock, so the timer starts with the first packet
 * RATEEST counts: its ticks fall at that packet's time plus 1, 2, 3... intervals. Before a packet
 * is counted or a rate read, every tick up to and including the packet's time runs, in order, on
 * the counters as they were then (the packets before it), so the state at a time depends only on
 * the packets counted and their times, not on when anyone looked: reading is free of side
 * effects. Each tick, as est_timer: the bytes and packets since the last tick scaled to a rate per
 * second times 2^8 ({@code << (10 - intvl_log)}), and {@code av += (rate >> ewma_log) - (av >>
 * ewma_log)} in unsigned 64-bit arithmetic; a read gives {@code av >> 8}, in bytes and packets per
 * second (gen_estimator_read).
 */
final class Estimator {
    private EstimatorParameters parameters;
    private long intervalNanos;
    private int intervalLog;
    private int ewmaLog;
    private long bytes;
    private long packets;
    private long lastBytes;
    private long lastPackets;
    private long averageBytes;
    private long averagePackets;
    private long nextTick;
    private boolean started;

    /**
     * The interval and weight, set once by the RATEEST rule that makes the estimator, before any
     * packet is counted (a saved rateest rule read before it may have made the estimator).
     */
    synchronized void configure(EstimatorParameters chosen) {
        this.parameters = chosen;
        this.intervalNanos = chosen.intervalNanos();
        this.intervalLog = chosen.intervalLog();
        this.ewmaLog = chosen.ewmaLog();
    }

    /** The interval and weight the estimator was made with (a second RATEEST must give the same); null before. */
    synchronized EstimatorParameters parameters() {
        return parameters;
    }

    /** xt_rateest_tg: one packet of {@code length} bytes at {@code nanos}. */
    synchronized void count(long nanos, long length) {
        if (!started) {
            started = true;
            nextTick = nanos + intervalNanos;
        } else {
            runTicksUpTo(nanos);
        }
        bytes += length;
        packets++;
    }

    /** The estimated bytes per second at {@code nanos}, as gen_estimator_read gives it. */
    synchronized long bytesPerSecond(long nanos) {
        runTicksUpTo(nanos);
        return averageBytes >>> 8;
    }

    /** The estimated packets per second at {@code nanos}, as gen_estimator_read gives it. */
    synchronized long packetsPerSecond(long nanos) {
        runTicksUpTo(nanos);
        return averagePackets >>> 8;
    }

    private void runTicksUpTo(long nanos) {
        if (!started) {
            return;
        }
        while (nanos >= nextTick) {
            boolean idle = bytes == lastBytes && packets == lastPackets;
            tick();
            nextTick += intervalNanos;
            if (idle && averageBytes >>> ewmaLog == 0 && averagePackets >>> ewmaLog == 0) {
                // nothing counted and nothing left to decay: the remaining ticks change nothing
                if (nanos >= nextTick) {
                    nextTick += ((nanos - nextTick) / intervalNanos + 1) * intervalNanos;
                }
                return;
            }
        }
    }

    /** est_timer. */
    private void tick() {
        long byteRate = (bytes - lastBytes) << (10 - intervalLog);
        averageBytes += (byteRate >>> ewmaLog) - (averageBytes >>> ewmaLog);
        long packetRate = (packets - lastPackets) << (10 - intervalLog);
        averagePackets += (packetRate >>> ewmaLog) - (averagePackets >>> ewmaLog);
        lastBytes = bytes;
        lastPackets = packets;
    }
}
