package org.jptables.live.daemon;

import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.live.metrics.PrometheusText;

/**
 * Every rule's and every policy's counters as Prometheus counters, labelled as `iptables -L -v
 * --line-numbers` would name them: table, chain, rule number (and the rule as -S prints it, so a
 * dashboard survives renumbering).
 */
final class RuleMetrics {
    private RuleMetrics() {
    }

    /** Call under the engine's lock: the counters are the packet threads'. */
    static void write(Ruleset ruleset, PrometheusText out) {
        out.family("jptables_rule_packets_total", "counter", "Packets that matched a rule");
        rules(ruleset, out, false);
        out.family("jptables_rule_bytes_total", "counter", "Bytes of the packets that matched a rule");
        rules(ruleset, out, true);
        out.family("jptables_policy_packets_total", "counter", "Packets a built-in chain's policy decided");
        policies(ruleset, out, false);
        out.family("jptables_policy_bytes_total", "counter", "Bytes of the packets a built-in chain's policy decided");
        policies(ruleset, out, true);
    }

    private static void rules(Ruleset ruleset, PrometheusText out, boolean bytes) {
        for (Table table : ruleset.tables()) {
            for (Chain chain : table.chains()) {
                int n = 0;
                for (Rule rule : chain.rules()) {
                    n++;
                    out.sample(bytes ? "jptables_rule_bytes_total" : "jptables_rule_packets_total",
                            bytes ? rule.counters().bytes() : rule.counters().packets(),
                            "table", table.name(), "chain", chain.name(), "rule", Integer.toString(n),
                            "spec", rule.spec());
                }
            }
        }
    }

    private static void policies(Ruleset ruleset, PrometheusText out, boolean bytes) {
        for (Table table : ruleset.tables()) {
            for (Chain chain : table.chains()) {
                if (chain.isBuiltin()) {
                    out.sample(bytes ? "jptables_policy_bytes_total" : "jptables_policy_packets_total",
                            bytes ? chain.policyCounters().bytes() : chain.policyCounters().packets(),
                            "table", table.name(), "chain", chain.name(), "policy", chain.policy() == org.jptables.api.Verdict.ACCEPT ? "ACCEPT" : "DROP");
                }
            }
        }
    }
}
