package org.jptables.live.nfqueue;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The Java counterpart of the C yardstick nfq_accept.c: binds a queue, answers ACCEPT to every
 * packet (one verdict each, or one batch verdict per 64 packets) and prints how many it answered
 * and their rate from the first to the last timed packet, in the same words as the C tool.
 *
 * <pre>usage: AcceptAllBench QUEUE COUNT [batch] [--warmup N]</pre>
 *
 * With {@code --warmup N} the first N packets are answered the same way but not timed, so that a
 * burst sent first lets the JIT compile the path before the timed burst of COUNT comes (a daemon
 * that runs for days is measured warm). Prints "ready" on stderr once the queue is bound, and
 * with the rate this thread's CPU time per timed packet (user and kernel: on a shared machine a
 * steadier measure than the rate) and the bytes it allocated meanwhile (0 once compiled).
 */
public final class AcceptAllBench {
    private static final int BATCH = 64;
    private static final com.sun.management.ThreadMXBean THREADS =
            ManagementFactory.getPlatformMXBean(com.sun.management.ThreadMXBean.class);

    private AcceptAllBench() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: AcceptAllBench QUEUE COUNT [batch] [--warmup N]");
            System.exit(2);
        }
        int queue = Integer.parseInt(args[0]);
        long count = Long.parseLong(args[1]);
        boolean batch = false;
        long warmup = 0;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "batch" -> batch = true;
                case "--warmup" -> warmup = Long.parseLong(args[++i]);
                default -> {
                    System.err.println("AcceptAllBench: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        try (NfQueue q = NfQueue.open(QueueOptions.of(queue))) {
            System.err.println("ready");
            long total = warmup + count;
            QueuedPacket p = new QueuedPacket();
            long n = 0;
            long first = 0;
            long last = 0;
            int id = 0;
            long allocatedBefore = 0;
            long cpuBefore = 0;
            long userBefore = 0;
            while (n < total) {
                if (q.receive(p, true) == 0) {
                    continue;
                }
                id = p.packetId();
                if (n == warmup) {
                    allocatedBefore = allocatedBytes();
                    cpuBefore = THREADS.getCurrentThreadCpuTime();
                    userBefore = THREADS.getCurrentThreadUserTime();
                    first = System.nanoTime();
                }
                n++;
                last = System.nanoTime();
                if (!batch) {
                    q.verdict(id, NfQueue.NF_ACCEPT);
                } else if (n % BATCH == 0 || n == total) {
                    q.batchVerdict(id, NfQueue.NF_ACCEPT, NfQueue.NO_MARK);
                }
            }
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
            long user = THREADS.getCurrentThreadUserTime() - userBefore;
            long allocated = allocatedBytes() - allocatedBefore;
            double seconds = (last - first) / 1e9;
            System.out.println(String.format(Locale.ROOT,
                    "verdicted=%d secs=%.4f pps=%.0f cpu/packet=%.2fus (user %.2f) overruns=%d refused=%d allocated=%d",
                    count, seconds, count / seconds, cpu / 1e3 / count, user / 1e3 / count, q.overruns(), q.refusedVerdicts(),
                    allocated));
        }
    }

    private static long allocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }
}
