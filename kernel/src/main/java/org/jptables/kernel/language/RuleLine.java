package org.jptables.kernel.language;

import org.jptables.api.Names;
import org.jptables.kernel.model.Rule;

/** The one-line form iptables prints for each rule a verbose {@code -A}/{@code -D} handles. */
final class RuleLine {
    private RuleLine() {
    }

    static String of(Rule rule, Names names) {
        // iptables prints the rule in its -L layout without padding; the save text says the same
        return rule.spec().trim();
    }
}
