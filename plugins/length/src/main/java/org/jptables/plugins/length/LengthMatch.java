package org.jptables.plugins.length;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/** length_mt: the IPv4 header's total length field within [min, max], flipped by {@code !}. */
record LengthMatch(int min, int max, boolean inverted) implements Match {

    /** It only reads the packet: never in the way of the compiled classifier. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public boolean matches(Packet packet) {
        int length = packet.totalLength();
        return (length >= min && length <= max) != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" length ").append(inverted ? "!" : "");
        range(out);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(" --length ");
        range(out);
    }

    private void range(StringBuilder out) {
        out.append(min);
        if (min != max) {
            out.append(':').append(max);
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
