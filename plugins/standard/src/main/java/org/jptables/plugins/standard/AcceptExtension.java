package org.jptables.plugins.standard;

import org.jptables.api.Verdict;

/** {@code -j ACCEPT}: Stops the traversal of the table; the packet goes on (NF_ACCEPT). */
@org.pf4j.Extension
public final class AcceptExtension extends VerdictTargetExtension {
    public AcceptExtension() {
        super("ACCEPT", Verdict.ACCEPT);
    }
}
