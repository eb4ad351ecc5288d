package org.jptables.fleet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jptables.api.Verdict;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;

/**
 * Names the rules a packet's trace went through by what they say, not where they sit: {@code filter
 * -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT}, or {@code filter INPUT policy DROP}. Two rulesets are
 * compared by these labels, so a rule inserted above does not make every later rule "differ".
 * Labels are made once per trace entry and kept.
 */
final class RuleLabels {
    private final Ruleset ruleset;
    private final Map<String, String> labels = new HashMap<>();

    RuleLabels(Ruleset ruleset) {
        this.ruleset = ruleset;
    }

    /** The label of a trace entry ({@code filter:INPUT:rule:4}, {@code filter:INPUT:policy}); other entries as they are. */
    String label(String entry) {
        return labels.computeIfAbsent(entry, this::make);
    }

    /**
     * The rule or policy that decided the packet: for a packet accepted, the last one in the filter
     * table (where the decision to let it through was taken; nat and mangle rules come after it on
     * the way out), else the last one the packet met; {@code -} where no rule was met at all.
     */
    String decider(List<String> trace, String verdict) {
        String last = null;
        String lastFilter = null;
        for (String entry : trace) {
            if (entry.endsWith(":policy") || entry.contains(":rule:")) {
                last = entry;
                if (entry.startsWith("filter:")) {
                    lastFilter = entry;
                }
            }
        }
        String chosen = "ACCEPT".equals(verdict) && lastFilter != null ? lastFilter : last;
        return chosen == null ? "-" : label(chosen);
    }

    /** Whether two traces (this ruleset's and {@code other}'s) went through the same rules, by label. */
    boolean samePath(List<String> trace, RuleLabels other, List<String> otherTrace) {
        if (trace.size() != otherTrace.size()) {
            return false;
        }
        for (int i = 0; i < trace.size(); i++) {
            if (!label(trace.get(i)).equals(other.label(otherTrace.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private String make(String entry) {
        int first = entry.indexOf(':');
        if (first < 0) {
            return entry;
        }
        String table = entry.substring(0, first);
        TableKind kind = TableKind.named(table);
        Table t = kind == null ? null : ruleset.existing(kind);
        if (t == null) {
            return entry;
        }
        if (entry.endsWith(":policy")) {
            String chainName = entry.substring(first + 1, entry.length() - ":policy".length());
            Chain chain = t.chain(chainName);
            return table + " " + chainName + " policy " + (chain == null ? "?" : Verdict.name(chain.policy()));
        }
        int rule = entry.lastIndexOf(":rule:");
        if (rule < 0) {
            return entry;
        }
        Chain chain = t.chain(entry.substring(first + 1, rule));
        int position = Integer.parseInt(entry.substring(rule + ":rule:".length()));
        if (chain == null || position < 1 || position > chain.size()) {
            return entry;
        }
        Rule r = chain.rules().get(position - 1);
        return table + " -A " + chain.name() + r.spec();
    }
}
