package org.jptables.conformance;

import java.util.ArrayList;
import java.util.List;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;

/**
 * Every counter of a ruleset at one moment, so that a packet's effect can be read as the
 * difference, exactly as the recorder read it from {@code iptables-save -c} before and after.
 * Reading the counters, not the engine's own report, keeps the comparison independent of it.
 */
final class CounterSnapshot {
    /** A rule whose counters rose. */
    record RuleDelta(String table, String chain, int rule, long packets, long bytes) {
        @Override
        public String toString() {
            return table + ":" + chain + ":" + rule + " +" + packets + "/" + bytes;
        }
    }

    /** A built-in chain whose policy counters rose. */
    record PolicyDelta(String table, String chain, long packets) {
        @Override
        public String toString() {
            return table + ":" + chain + " policy +" + packets;
        }
    }

    private final List<long[]> values = new ArrayList<>();

    CounterSnapshot(Ruleset ruleset) {
        for (Table t : ruleset.tables()) {
            for (Chain c : t.chains()) {
                long[] v = new long[2 + 2 * c.size()];
                v[0] = c.policyCounters().packets();
                v[1] = c.policyCounters().bytes();
                int i = 2;
                for (Rule r : c.rules()) {
                    v[i++] = r.counters().packets();
                    v[i++] = r.counters().bytes();
                }
                values.add(v);
            }
        }
    }

    /** What rose between this snapshot and {@code later}, taken of the same (unchanged) ruleset. */
    void differences(Ruleset ruleset, CounterSnapshot later, List<RuleDelta> rules, List<PolicyDelta> policies) {
        int k = 0;
        for (Table t : ruleset.tables()) {
            for (Chain c : t.chains()) {
                long[] a = values.get(k);
                long[] b = later.values.get(k);
                k++;
                if (c.isBuiltin() && b[0] != a[0]) {
                    policies.add(new PolicyDelta(t.name(), c.name(), b[0] - a[0]));
                }
                for (int r = 0; r < c.size(); r++) {
                    long dp = b[2 + 2 * r] - a[2 + 2 * r];
                    long db = b[3 + 2 * r] - a[3 + 2 * r];
                    if (dp != 0 || db != 0) {
                        rules.add(new RuleDelta(t.name(), c.name(), r + 1, dp, db));
                    }
                }
            }
        }
    }
}
