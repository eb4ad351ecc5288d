package org.jptables.live.daemon;

import org.jptables.live.engine.LiveDecision;
import org.jptables.live.engine.LiveEngine;
import org.jptables.live.metrics.LatencyHistogram;
import org.jptables.live.nfqueue.NfQueue;
import org.jptables.live.nfqueue.QueuedPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One queue's thread: reads each packet, has the engine decide it, answers the kernel. Runs of
 * packets with the same plain verdict (accept or drop, no new bytes, no new mark) are answered
 * together by one batch verdict (up to {@code batch} of them, or as soon as the queue is empty, so
 * that a packet never waits for others that are not coming); any other answer first flushes the
 * batch, so packets leave in the order they came. The latency recorded is each packet's time in the daemon, read to verdict.
 */
final class QueueWorker implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);
    private static final int MAX_BATCH = 256;
    /** A pause this long ends a burst: the last burst's rate is what a load test reads. */
    private static final long BURST_GAP_NANOS = 500_000_000L;

    private final NfQueue queue;
    private final LiveEngine engine;
    private final int batch;
    private final QueuedPacket packet = new QueuedPacket();
    private final LiveDecision decision = new LiveDecision();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final long[] pendingSince = new long[MAX_BATCH];
    private int pending;
    private int pendingUpTo;
    private int pendingVerdict;
    private volatile boolean running = true;
    private volatile boolean drained;
    private volatile long firstNanos;
    private volatile long lastNanos;
    private long handled;
    private volatile long burstFirstNanos;
    private volatile long burstCount;

    /** @param batch the most plain accepts answered by one verdict; 1 answers each packet alone */
    QueueWorker(NfQueue queue, LiveEngine engine, int batch) {
        this.queue = queue;
        this.engine = engine;
        this.batch = Math.max(1, Math.min(batch, MAX_BATCH));
    }

    @Override
    public void run() {
        try {
            while (running) {
                // wait (up to the queue's receive timeout, so that a stop is noticed) only when
                // nothing waits for an answer
                if (queue.receive(packet, pending == 0) == 0) {
                    flush();
                    continue;
                }
                handle();
            }
            flush();
            // the hooks are gone: what the kernel still holds for us is answered before the queue closes
            while (queue.receive(packet, false) > 0) {
                handle();
            }
            flush();
        } catch (RuntimeException e) {
            LOG.error("queue {}: {}", queue.options().queueNumber(), e.getMessage());
        } finally {
            drained = true;
        }
    }

    private void handle() {
        long start = System.nanoTime();
        if (handled++ == 0) {
            firstNanos = start;
        }
        if (start - lastNanos > BURST_GAP_NANOS) {
            burstFirstNanos = start;
            burstCount = 0;
        }
        burstCount++;
        lastNanos = start;
        engine.decide(packet.hook(), packet.payload(), packet.payloadLength(), packet.inDevice(),
                packet.hardwareAddressLength() == 6 ? packet.hardwareAddress() : -1,
                packet.hasMark() ? packet.mark() & 0xFFFFFFFFL : 0,
                packet.hasUid() ? packet.uid() & 0xFFFFFFFFL : -1, packet.hasGid() ? packet.gid() & 0xFFFFFFFFL : -1,
                decision);
        if (batch > 1 && decision.plain()) {
            if (pending > 0 && pendingVerdict != decision.verdict()) {
                flush();
            }
            pendingVerdict = decision.verdict();
            pendingSince[pending++] = start;
            pendingUpTo = packet.packetId();
            if (pending >= batch) {
                flush();
            }
            return;
        }
        flush();
        queue.verdict(packet.packetId(), decision.verdict(),
                decision.mark() == LiveDecision.NO_MARK ? NfQueue.NO_MARK : decision.mark(),
                decision.payload(), decision.payloadLength());
        latency.record(System.nanoTime() - start);
    }

    private void flush() {
        if (pending == 0) {
            return;
        }
        queue.batchVerdict(pendingUpTo, pendingVerdict == LiveDecision.ACCEPT ? NfQueue.NF_ACCEPT : NfQueue.NF_DROP,
                NfQueue.NO_MARK);
        long now = System.nanoTime();
        for (int i = 0; i < pending; i++) {
            latency.record(now - pendingSince[i]);
        }
        pending = 0;
    }

    /** Asks the thread to stop; it answers what it holds first. */
    void stop() {
        running = false;
    }

    boolean drained() {
        return drained;
    }

    /** Packets handled, and their rate from the first to the last (as the C yardstick reports it). */
    String rate() {
        long n = handled;
        double seconds = (lastNanos - firstNanos) / 1e9;
        String all = n + " packets" + (n > 1 && seconds > 0 ? String.format(", %.0f packets/s first to last", n / seconds) : "");
        long b = burstCount;
        double burstSeconds = (lastNanos - burstFirstNanos) / 1e9;
        return all + (b > 1 && burstSeconds > 0 && b != n
                ? String.format(" (last burst %d packets, %.0f packets/s)", b, b / burstSeconds) : "");
    }

    long handled() {
        return handled;
    }

    LatencyHistogram latency() {
        return latency;
    }

    NfQueue queue() {
        return queue;
    }
}
