package org.jptables.live.control;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Counters;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;

/**
 * Carries what the packet threads counted while a command ran into the ruleset the command made.
 * The command works on the state file, written from a snapshot of the live ruleset; every packet the
 * live ruleset counted since that snapshot would be lost by a plain swap. Each rule of the new ruleset
 * that was in the snapshot (same table, chain and saved text, and the same occurrence among the rules
 * of that chain with that text) and each built-in chain's policy gets the live increase added to the
 * counters the command left it: a rule that stays keeps every packet, a zeroed one counts from zero.
 */
final class CounterCarry {
    /** The live counters of each rule and policy at the snapshot, with their values then. */
    private final Map<Key, Sample> snapshot;

    /** One carry, found outside the daemon's lock and done inside it. */
    private record Step(Counters from, long packets, long bytes, Counters into) {
    }

    private record Sample(Counters live, long packets, long bytes) {
    }

    /** A rule by table, chain, saved text and occurrence; a policy has no text. */
    private record Key(String table, String chain, String rule, int occurrence) {
    }

    private CounterCarry(Map<Key, Sample> snapshot) {
        this.snapshot = snapshot;
    }

    /**
     * The carry from {@code live} to the rulesets made from {@code copy}, its copy taken in the same
     * lock (so the copy's counters are the live ones at that moment, rule for rule in the same order).
     * Runs outside the lock: the rules and chains of a live ruleset never change, only its counters.
     */
    static CounterCarry between(Ruleset live, Ruleset copy) {
        Map<Key, Sample> snapshot = new HashMap<>();
        List<Map.Entry<Key, Counters>> liveCounters = index(live);
        List<Map.Entry<Key, Counters>> copied = index(copy);
        if (liveCounters.size() != copied.size()) {
            throw new IllegalStateException("the copy of the live ruleset has " + copied.size() + " counters, the"
                    + " live ruleset " + liveCounters.size());
        }
        for (int i = 0; i < liveCounters.size(); i++) {
            if (!liveCounters.get(i).getKey().equals(copied.get(i).getKey())) {
                throw new IllegalStateException("the copy of the live ruleset differs at " + copied.get(i).getKey());
            }
            Counters taken = copied.get(i).getValue();
            snapshot.put(liveCounters.get(i).getKey(),
                    new Sample(liveCounters.get(i).getValue(), taken.packets(), taken.bytes()));
        }
        return new CounterCarry(snapshot);
    }

    /** The steps that carry the live increase into {@code next} (not live yet, so no lock is needed). */
    Runnable into(Ruleset next) {
        List<Step> steps = new ArrayList<>();
        for (Map.Entry<Key, Counters> e : index(next)) {
            Sample s = snapshot.get(e.getKey());
            if (s != null) {
                steps.add(new Step(s.live(), s.packets(), s.bytes(), e.getValue()));
            }
        }
        // inside the daemon's lock: a few additions per rule, nothing looked up
        return () -> {
            for (Step step : steps) {
                long packets = step.from().packets() - step.packets();
                long bytes = step.from().bytes() - step.bytes();
                if (packets > 0 || bytes > 0) {
                    Counters into = step.into();
                    into.set(into.packets() + Math.max(packets, 0), into.bytes() + Math.max(bytes, 0));
                }
            }
        };
    }

    /** Every policy's and rule's counters with its key, in the ruleset's order. */
    private static List<Map.Entry<Key, Counters>> index(Ruleset ruleset) {
        List<Map.Entry<Key, Counters>> all = new ArrayList<>();
        for (Table t : ruleset.tables()) {
            for (Chain c : t.chains()) {
                if (c.isBuiltin()) {
                    all.add(Map.entry(new Key(t.name(), c.name(), null, 0), c.policyCounters()));
                }
                Map<String, Integer> seen = new HashMap<>();
                for (Rule r : c.rules()) {
                    String text = r.restorableSpec();
                    int occurrence = seen.merge(text, 1, Integer::sum);
                    all.add(Map.entry(new Key(t.name(), c.name(), text, occurrence), r.counters()));
                }
            }
        }
        return all;
    }
}
