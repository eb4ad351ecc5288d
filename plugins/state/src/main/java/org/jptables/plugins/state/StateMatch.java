package org.jptables.plugins.state;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * Matches when the packet's connection state is one of the listed ones (xt_conntrack with the
 * state alias: {@code !!(mask & statebit) ^ invert}).
 */
final class StateMatch implements Match {
    private final int mask;
    private final boolean inverted;

    StateMatch(int mask, boolean inverted) {
        this.mask = mask;
        this.inverted = inverted;
    }

    @Override
    public boolean matches(Packet packet) {
        return ((packet.ctState() & mask) != 0) != inverted;
    }

    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        constraints.complete();
        constraints.connectionState(mask, inverted);
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(inverted ? " ! state " : " state ");
        StateList.format(mask, out);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " ! --state " : " --state ");
        StateList.format(mask, out);
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    /**
     * The state comes from the connection's tracker entry, which only its own packets (and the ICMP errors
     * quoting them) change.
     */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }
}
