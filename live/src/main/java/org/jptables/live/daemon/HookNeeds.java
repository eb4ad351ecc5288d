package org.jptables.live.daemon;

import java.util.Set;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;

/**
 * Whether a ruleset may change a forwarded packet after routing, and so needs the POSTROUTING
 * queue: a nat table (SNAT, MASQUERADE, and every reply of a DNATed connection), any rule in mangle,
 * or a rule elsewhere whose target is not one that only decides or reports. Without one, each packet
 * crosses the daemon once.
 */
final class HookNeeds {
    /** Targets that never change a packet's bytes. */
    private static final Set<String> DECIDE_ONLY = Set.of("", "ACCEPT", "DROP", "RETURN", "REJECT", "LOG", "NFLOG",
            "NFQUEUE", "TRACE", "AUDIT", "CT", "NOTRACK", "CONNMARK", "MARK", "CLASSIFY", "SECMARK", "CONNSECMARK",
            "IDLETIMER", "SET", "LED", "RATEEST");

    private HookNeeds() {
    }

    static boolean rewritesAfterRouting(Ruleset ruleset) {
        if (ruleset.existing(TableKind.NAT) != null) {
            return true;
        }
        for (Table table : ruleset.tables()) {
            for (Chain chain : table.chains()) {
                for (Rule rule : chain.rules()) {
                    if (table.kind() == TableKind.MANGLE && !isBuiltinBeforeRouting(chain)) {
                        return true;
                    }
                    if (rule.jump() == null && !DECIDE_ONLY.contains(rule.targetName())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** PREROUTING's and OUTPUT's changes are in the bytes the daemon hands back at once. */
    private static boolean isBuiltinBeforeRouting(Chain chain) {
        return chain.name().equals("PREROUTING") || chain.name().equals("OUTPUT");
    }
}
