package org.jptables.commands.graph;

import java.util.Map;
import java.util.TreeMap;
import org.jptables.api.Verdict;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.language.listing.CounterFormat;

/**
 * A ruleset as a Graphviz DOT graph: each table a cluster, each chain a node (built-in chains bold,
 * with their policy and its counters; every chain with its number of rules and the verdicts its rules
 * end in), each jump an edge and each goto a dashed edge, labelled with the rule's position and
 * counters. Chains are identified as {@code "table/chain"}, so the same name in two tables stays two
 * nodes; every name is escaped, since iptables allows quotes and backslashes in chain names.
 */
public final class RulesetGraph {
    private RulesetGraph() {
    }

    /** The DOT text of {@code ruleset}, or of its table {@code onlyTable} when that is not null. */
    public static String dot(Ruleset ruleset, String onlyTable) {
        StringBuilder out = new StringBuilder();
        out.append("digraph jptables {\n")
                .append("  rankdir=LR;\n")
                .append("  node [shape=box, fontname=\"monospace\", fontsize=10];\n")
                .append("  edge [fontname=\"monospace\", fontsize=9];\n");
        for (Table table : ruleset.tables()) {
            if (onlyTable == null || table.name().equals(onlyTable)) {
                table(table, out);
            }
        }
        return out.append("}\n").toString();
    }

    private static void table(Table table, StringBuilder out) {
        out.append("  subgraph ").append(quote("cluster_" + table.name())).append(" {\n")
                .append("    label=").append(quote("table " + table.name())).append(";\n")
                .append("    style=rounded;\n");
        for (Chain chain : table.chains()) {
            out.append("    ").append(id(table, chain)).append(" [label=").append(quote(label(chain)));
            if (chain.isBuiltin()) {
                out.append(", style=bold");
            }
            out.append("];\n");
        }
        Rule[] rules;
        for (Chain chain : table.chains()) {
            rules = chain.ruleArray();
            for (int i = 0; i < rules.length; i++) {
                Rule rule = rules[i];
                if (rule.jump() == null) {
                    continue;
                }
                out.append("    ").append(id(table, chain)).append(" -> ").append(id(table, rule.jump()))
                        .append(" [label=").append(quote((rule.isGoto() ? "goto" : "jump") + " rule " + (i + 1) + "\n"
                                + counters(rule.counters().packets(), rule.counters().bytes())));
                if (rule.isGoto()) {
                    out.append(", style=dashed");
                }
                out.append("];\n");
            }
        }
        out.append("  }\n");
    }

    private static String label(Chain chain) {
        StringBuilder l = new StringBuilder(chain.name()).append('\n');
        if (chain.isBuiltin()) {
            l.append("policy ").append(Verdict.name(chain.policy())).append(": ")
                    .append(counters(chain.policyCounters().packets(), chain.policyCounters().bytes())).append('\n');
        }
        int n = chain.size();
        l.append(n).append(n == 1 ? " rule" : " rules");
        // what the chain's rules end in: ACCEPT 3, REJECT 1 ... (jumps are edges; rules without a target just count)
        Map<String, Integer> verdicts = new TreeMap<>();
        for (Rule rule : chain.ruleArray()) {
            if (rule.jump() == null && !rule.targetName().isEmpty()) {
                verdicts.merge(rule.targetName(), 1, Integer::sum);
            }
        }
        verdicts.forEach((target, count) -> l.append('\n').append(target).append(" x").append(count));
        return l.toString();
    }

    private static String counters(long packets, long bytes) {
        return CounterFormat.inline(packets, false) + "packets, " + CounterFormat.inline(bytes, false) + "bytes";
    }

    private static String id(Table table, Chain chain) {
        return quote(table.name() + "/" + chain.name());
    }

    /** A DOT quoted string: backslashes and quotes escaped, line breaks as DOT's centred {@code \n}. */
    static String quote(String text) {
        StringBuilder q = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
