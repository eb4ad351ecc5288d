package org.jptables.plugins.standard;

import org.jptables.api.Actions;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;

/** A target that only answers its verdict: nothing printed, nothing saved after -j NAME. */
final class VerdictTarget implements Target {
    private final int verdict;

    VerdictTarget(int verdict) {
        this.verdict = verdict;
    }

    @Override
    public int apply(Packet packet) {
        return verdict;
    }

    @Override
    public void declare(Actions actions) {
        actions.verdict(verdict);
    }

    /** It acts on this packet alone and keeps nothing for later packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
