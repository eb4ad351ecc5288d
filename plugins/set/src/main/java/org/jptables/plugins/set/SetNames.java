package org.jptables.plugins.set;

import org.jptables.api.IpSet;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** How libxt_set finds a set by name when the rule is parsed (get_set_byname). */
final class SetNames {
    /** IPSET_MAXNAMELEN - 1. */
    static final int MAX_NAME = 31;

    private SetNames() {
    }

    /** The set named {@code name}, with libxt_set's messages for a long or unknown name. */
    static IpSet find(RuleContext rule, String name) throws RuleException {
        if (name.length() > MAX_NAME) {
            throw new RuleException("setname `" + name + "' too long, max " + MAX_NAME + " characters.");
        }
        IpSet set = rule.ipSets().find(name);
        if (set == null) {
            throw new RuleException("Set " + name + " doesn't exist.\n");
        }
        return set;
    }
}
