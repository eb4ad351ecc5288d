package org.jptables.plugins.standard;

import org.jptables.api.Verdict;

/** {@code -j RETURN}: Returns to the calling chain, or applies the built-in chain's policy (XT_RETURN). */
@org.pf4j.Extension
public final class ReturnExtension extends VerdictTargetExtension {
    public ReturnExtension() {
        super("RETURN", Verdict.RETURN);
    }
}
