package org.jptables.fleet;

import java.util.function.Consumer;
import org.jptables.api.Addresses;
import org.jptables.api.Verdict;
import org.jptables.capture.replay.ReplaySummary;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;

/**
 * What one host's replay through one ruleset counted, as records: the totals and verdicts of
 * {@code jptables replay}'s summary, the dropped sources, and every rule's and policy's counters (as
 * {@code jptables-save -c} would print them after the replay).
 */
final class ReplayRecords {
    private ReplayRecords() {
    }

    static void emit(String host, String ruleset, Ruleset rules, ReplaySummary summary, Consumer<FleetRecord> out) {
        emitSummary(host, ruleset, summary, out);
        emitCounters(host, ruleset, rules, out);
    }

    /** The totals, verdicts and dropped sources of one replay. */
    static void emitSummary(String host, String ruleset, ReplaySummary summary, Consumer<FleetRecord> out) {
        out.accept(new FleetRecord("total", host, ruleset, "ipv4", 0, summary.packets(), summary.bytes()));
        out.accept(new FleetRecord("total", host, ruleset, "passed", 0, summary.passedThroughPackets(),
                summary.passedThroughBytes()));
        out.accept(new FleetRecord("total", host, ruleset, "bad-ip-checksum", 0, summary.badIpChecksumPackets(), 0));
        out.accept(new FleetRecord("total", host, ruleset, "host-answers", 0, summary.hostAnswers(), 0));
        summary.byVerdict().forEach((verdict, v) ->
                out.accept(new FleetRecord("verdict", host, ruleset, verdict, 0, v[0], v[1])));
        summary.droppedBySource().forEach((source, v) ->
                out.accept(new FleetRecord("dropped-source", host, ruleset, Addresses.format(source), 0, v[0], v[1])));
    }

    /** Every rule's and policy's counters, as iptables-save -c prints them. */
    static void emitCounters(String host, String ruleset, Ruleset rules, Consumer<FleetRecord> out) {
        for (Table t : rules.tables()) {
            for (Chain c : t.chains()) {
                if (c.isBuiltin()) {
                    out.accept(new FleetRecord("policy", host, ruleset,
                            t.name() + " " + c.name() + " policy " + Verdict.name(c.policy()), 0,
                            c.policyCounters().packets(), c.policyCounters().bytes()));
                }
                int position = 0;
                for (Rule r : c.rules()) {
                    position++;
                    out.accept(new FleetRecord("rule", host, ruleset, t.name() + " -A " + c.name() + r.spec(), position,
                            r.counters().packets(), r.counters().bytes()));
                }
            }
        }
    }
}
