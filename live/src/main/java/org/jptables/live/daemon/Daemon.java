package org.jptables.live.daemon;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.jptables.kernel.model.Ruleset;
import org.jptables.live.control.LiveRuleset;
import org.jptables.live.engine.LiveEngine;
import org.jptables.live.hooks.FailMode;
import org.jptables.live.hooks.HookPoint;
import org.jptables.live.hooks.KernelHooks;
import org.jptables.live.hooks.PacketMark;
import org.jptables.live.hooks.QueuePlan;
import org.jptables.live.metrics.LatencyHistogram;
import org.jptables.live.metrics.PrometheusText;
import org.jptables.live.nfqueue.NfQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running daemon: the engine, its queues and their threads, and the kernel hooks that feed them.
 * Started in an order that never strands a packet (queues bound before the hooks that fill them),
 * stopped in the reverse (hooks gone first, then every held packet answered, then the queues
 * unbound), and the ruleset with its counters written back to the state file.
 */
public final class Daemon implements LiveRuleset {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final DaemonOptions options;
    private final LiveEngine engine;
    private final KernelHooks hooks;
    private final List<QueueWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private QueuePlan plan;

    public Daemon(DaemonOptions options, LiveEngine engine, KernelHooks hooks) {
        this.options = options;
        this.engine = engine;
        this.hooks = hooks;
    }

    /** Binds the queues, starts their threads, then puts the kernel hooks in place. */
    public void start(List<NfQueue> queues) {
        for (NfQueue q : queues) {
            QueueWorker w = new QueueWorker(q, engine, options.batch());
            Thread t = new Thread(w, "jptables-queue-" + q.queueNumber());
            workers.add(w);
            threads.add(t);
            t.start();
        }
        if (hooks != null) {
            if (hooks.removeStale()) {
                LOG.info("removed the kernel hooks a previous daemon left behind");
            }
            plan = plan(engine.current());
            hooks.install(plan);
        }
    }

    /** The hooks this ruleset needs: the POSTROUTING queue only when something is owed after routing. */
    QueuePlan plan(Ruleset ruleset) {
        EnumSet<HookPoint> points = EnumSet.of(HookPoint.PREROUTING, HookPoint.OUTPUT);
        if (options.shadow()) {
            points.addAll(EnumSet.of(HookPoint.INPUT_WITNESS, HookPoint.FORWARD_WITNESS, HookPoint.POSTROUTING_WITNESS));
        } else if (HookNeeds.rewritesAfterRouting(ruleset)) {
            points.add(HookPoint.POSTROUTING);
        }
        return new QueuePlan(points, options.queue(), options.queues(),
                options.failOpen() ? FailMode.OPEN : FailMode.CLOSED, Optional.of(PacketMark.of(options.mark())), true,
                List.of());
    }

    /** A new ruleset may need other hooks: they change before any packet meets the new rules. */
    public void replanned(Ruleset next) {
        if (hooks == null) {
            return;
        }
        QueuePlan wanted = plan(next);
        if (!wanted.equals(plan)) {
            hooks.install(wanted);
            plan = wanted;
            LOG.info("kernel hooks now at {}", wanted.hooks());
        }
    }

    /** Stops in the order that loses nothing; idempotent. */
    public void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        try {
            if (hooks != null) {
                try {
                    hooks.remove();
                } catch (RuntimeException e) {
                    LOG.error("could not remove the kernel hooks: {}", e.getMessage());
                }
            }
            workers.forEach(QueueWorker::stop);
            for (Thread t : threads) {
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (QueueWorker w : workers) {
                w.queue().close();
            }
        } finally {
            stopped.countDown();
        }
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public <T> T exclusive(Supplier<T> action) {
        return engine.exclusive(action);
    }

    @Override
    public Ruleset current() {
        return engine.current();
    }

    @Override
    public void replace(Ruleset next) {
        engine.replace(next);
    }

    @Override
    public String status() {
        StringBuilder out = new StringBuilder();
        out.append(options.shadow() ? "mode: shadow (the kernel's verdicts stand)\n" : "mode: filtering\n");
        out.append("fail: ").append(options.failOpen() ? "open" : "closed").append('\n');
        out.append("hooks: ").append(plan == null ? "none (--hooks none)" : hooks.backend() + " at " + plan.hooks()).append('\n');
        LatencyHistogram all = new LatencyHistogram();
        for (QueueWorker w : workers) {
            NfQueue q = w.queue();
            out.append("queue ").append(q.queueNumber()).append(": ").append(w.rate())
                    .append("; verdicts ").append(q.verdictsSent()).append(", batch verdicts ").append(q.batchVerdictsSent())
                    .append(", overruns ").append(q.overruns()).append(", refused verdicts ").append(q.refusedVerdicts())
                    .append('\n');
            w.latency().addTo(all);
        }
        out.append(String.format("latency in the daemon: p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us%n",
                all.percentile(0.5) / 1e3, all.percentile(0.9) / 1e3, all.percentile(0.99) / 1e3,
                all.percentile(0.999) / 1e3));
        out.append(engine.status());
        return out.toString();
    }

    /** Queue and engine figures for Prometheus; the rules' counters come from {@link RuleMetrics}. */
    public void metrics(PrometheusText out) {
        out.family("jptables_queue_packets_total", "counter", "Packets read from the queue");
        for (QueueWorker w : workers) {
            out.sample("jptables_queue_packets_total", w.queue().packetsReceived(), "queue", "" + w.queue().queueNumber());
        }
        out.family("jptables_queue_verdicts_total", "counter", "Verdict messages sent (one per packet, or one per batch)");
        for (QueueWorker w : workers) {
            String q = "" + w.queue().queueNumber();
            out.sample("jptables_queue_verdicts_total", w.queue().verdictsSent(), "queue", q, "kind", "single");
            out.sample("jptables_queue_verdicts_total", w.queue().batchVerdictsSent(), "queue", q, "kind", "batch");
        }
        out.family("jptables_queue_overruns_total", "counter",
                "Times the kernel found the queue's socket full (packets it then dropped or, failing open, accepted)");
        for (QueueWorker w : workers) {
            out.sample("jptables_queue_overruns_total", w.queue().overruns(), "queue", "" + w.queue().queueNumber());
        }
        out.family("jptables_queue_latency_seconds", "summary", "Time a packet spends in the daemon, read to verdict");
        for (QueueWorker w : workers) {
            String q = "" + w.queue().queueNumber();
            LatencyHistogram h = w.latency();
            for (double quantile : new double[] {0.5, 0.9, 0.99, 0.999}) {
                out.sample("jptables_queue_latency_seconds", h.percentile(quantile) / 1e9, "queue", q, "quantile", "" + quantile);
            }
            out.sample("jptables_queue_latency_seconds_sum", h.sumNanos() / 1e9, "queue", q);
            out.sample("jptables_queue_latency_seconds_count", h.count(), "queue", q);
        }
        var stats = engine.statistics();
        out.family("jptables_packets_dropped_total", "counter", "Packets the daemon dropped");
        out.sample("jptables_packets_dropped_total", stats.dropped());
        out.family("jptables_packets_rewritten_total", "counter", "Packets handed back with new bytes (NAT, mangle)");
        out.sample("jptables_packets_rewritten_total", stats.rewritten());
        out.family("jptables_answers_sent_total", "counter", "Packets the host sent itself (REJECT's answers)");
        out.sample("jptables_answers_sent_total", stats.answersSent());
        out.family("jptables_answers_rate_limited_total", "counter", "ICMP errors held back by Linux's rate limits");
        out.sample("jptables_answers_rate_limited_total", stats.answersLimited());
        out.family("jptables_packets_undecided_total", "counter", "Packets the engine could not take (handled as --fail says)");
        out.sample("jptables_packets_undecided_total", stats.errors());
        engine.exclusive(() -> {
            RuleMetrics.write(engine.current(), out);
            return null;
        });
    }

}
