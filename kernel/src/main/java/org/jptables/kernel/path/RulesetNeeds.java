package org.jptables.kernel.path;

import java.util.function.Predicate;
import org.jptables.api.Match;
import org.jptables.api.Target;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;

/**
 * What a ruleset asks of connection tracking, decided once when a path is built for it: whether
 * connections are tracked at all, counted, and labelled. Linux turns each on only when a rule's
 * checkentry asks for it, and a packet's fate may depend on it (an untracked packet matches no
 * state), so the path does the same.
 */
final class RulesetNeeds {
    private RulesetNeeds() {
    }

    /**
     * Whether Linux would track connections for this ruleset: only while the nat table exists or a
     * rule's match or target asks for it (nf_ct_netns_get); otherwise packets pass with no entry.
     */
    static boolean connectionTracking(Ruleset ruleset) {
        if (ruleset.existing(TableKind.NAT) != null) {
            return true;
        }
        for (Table table : ruleset.tables()) {
            for (Chain chain : table.chains()) {
                for (Rule rule : chain.rules()) {
                    Target target = rule.targetOrNull();
                    if (target != null && target.needsConnectionTracking()) {
                        return true;
                    }
                    for (Match match : rule.matches()) {
                        if (match.needsConnectionTracking()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Whether a rule's match turns conntrack accounting on (xt_connbytes' checkentry). */
    static boolean conntrackAccounting(Ruleset ruleset) {
        return anyMatch(ruleset, Match::needsConntrackAccounting);
    }

    /** Whether a rule's match uses connection labels (xt_connlabel's checkentry). */
    static boolean conntrackLabels(Ruleset ruleset) {
        return anyMatch(ruleset, Match::needsConntrackLabels);
    }

    private static boolean anyMatch(Ruleset ruleset, Predicate<Match> wanted) {
        for (Table table : ruleset.tables()) {
            for (Chain chain : table.chains()) {
                for (Rule rule : chain.rules()) {
                    for (Match match : rule.matches()) {
                        if (wanted.test(match)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
