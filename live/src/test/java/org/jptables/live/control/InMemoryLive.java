package org.jptables.live.control;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Counters;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;

/**
 * The daemon's side of {@link LiveRuleset} for tests: a ruleset behind a lock, whose counters the test
 * advances as packet threads would, also while a command runs.
 */
final class InMemoryLive implements LiveRuleset {
    private final ReentrantLock lock = new ReentrantLock();
    private Ruleset current;
    private int exclusives;
    private final Map<Integer, Runnable> atExclusive = new HashMap<>();
    final AtomicInteger replaced = new AtomicInteger();

    InMemoryLive(Ruleset initial) {
        this.current = initial;
    }

    @Override
    public <T> T exclusive(Supplier<T> action) {
        lock.lock();
        try {
            Runnable packets = atExclusive.remove(++exclusives);
            if (packets != null) {
                packets.run();
            }
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Ruleset current() {
        if (!lock.isHeldByCurrentThread()) {
            throw new AssertionError("current() outside exclusive");
        }
        return current;
    }

    @Override
    public void replace(Ruleset next) {
        if (!lock.isHeldByCurrentThread()) {
            throw new AssertionError("replace() outside exclusive");
        }
        current = next;
        replaced.incrementAndGet();
    }

    @Override
    public String status() {
        return "queue 0: 5 packets, 0 dropped\n";
    }

    /** The live ruleset, for the test's assertions. */
    Ruleset ruleset() {
        return exclusive(() -> current);
    }

    /** Counts packets as the packet threads do; rule 0 is the chain's policy. */
    void count(String table, String chain, int rule, long packets, long bytes) {
        exclusive(() -> {
            Chain c = current.existing(TableKind.named(table)).chain(chain);
            Counters counters = rule == 0 ? c.policyCounters() : c.rules().get(rule - 1).counters();
            counters.set(counters.packets() + packets, counters.bytes() + bytes);
            return null;
        });
    }

    /**
     * Runs {@code packets} while the next changing command runs: after its snapshot (its first
     * exclusive section), before its swap (the second).
     */
    void whileNextCommandRuns(Runnable packets) {
        lock.lock();
        try {
            atExclusive.put(exclusives + 2, packets);
        } finally {
            lock.unlock();
        }
    }
}
