package org.jptables.plugins.secmark;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * CONNSECMARK as xt_CONNSECMARK's connsecmark_tg: --save copies a packet's non-zero secmark to a
 * connection that has none, --restore a connection's to a packet that has none; then the next
 * rule. A secmark is only ever non-zero once SECMARK set one, and on this kernel, without an LSM
 * that maps contexts, no SECMARK rule is accepted (see {@link SecmarkBuilder}): every packet's and
 * connection's secmark stays 0, so neither copy changes anything. The target still holds the
 * connection tracker (nf_ct_netns_get) as the kernel's does.
 *
 * @param save true for --save, false for --restore
 */
record ConnsecmarkTarget(boolean save) implements Target {
    @Override
    public int apply(Packet packet) {
        return Verdict.CONTINUE;
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(save ? " CONNSECMARK save" : " CONNSECMARK restore");
    }

    @Override
    public void save(StringBuilder out) {
        out.append(save ? " --save" : " --restore");
    }

    /** The secmark it would copy lives in the connection's entry. */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }
}
