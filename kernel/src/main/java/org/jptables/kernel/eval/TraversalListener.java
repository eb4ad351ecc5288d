package org.jptables.kernel.eval;

import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;

/**
 * Told of every rule whose counter a packet raised and of every policy applied, for traces and
 * "matched" reports. {@link #NONE} costs nothing on the hot path.
 */
public interface TraversalListener {
    TraversalListener NONE = new TraversalListener() {
    };

    /** {@code rule}, the {@code position}-th (1-based) of {@code chain}, matched the packet. */
    default void ruleMatched(Chain chain, int position, Rule rule) {
    }

    /**
     * The packet fell off the end of user {@code chain} back to its caller: the chain's implicit
     * RETURN, the {@code position}-th entry (its rule count plus one), which TRACE reports.
     */
    default void chainReturned(Chain chain, int position) {
    }

    /** The policy of built-in {@code chain} decided. */
    default void policyApplied(Chain chain) {
    }
}
