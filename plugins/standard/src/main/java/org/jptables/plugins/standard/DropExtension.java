package org.jptables.plugins.standard;

import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Verdict;

/** {@code -j DROP}: Drops the packet (NF_DROP). */
@org.pf4j.Extension
public final class DropExtension extends VerdictTargetExtension {
    static final String NAT_MESSAGE =
            "\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n";

    public DropExtension() {
        super("DROP", Verdict.DROP);
    }

    /**
     * iptables inhibits DROP in the nat table (only the first packet of a connection goes
     * through it). The kernel's parser makes the same check before any extension's; this one
     * keeps the refusal when the target is built by other means.
     */
    @Override
    void check(RuleContext rule) throws RuleException {
        if ("nat".equals(rule.table())) {
            throw new RuleException(NAT_MESSAGE);
        }
    }
}
