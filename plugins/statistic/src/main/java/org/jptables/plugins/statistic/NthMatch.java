package org.jptables.plugins.statistic;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * {@code --mode nth}: a counter that runs 0..n-1 and matches when it wraps to 0, starting at
 * {@code n-1-p} as iptables sets it, so that packet p+1 is the first to match, then every nth.
 */
final class NthMatch implements Match {
    /** n - 1, as the kernel stores it. */
    private final long every;
    private final long packet;
    private final boolean inverted;
    private long count;

    NthMatch(long every, long packet, boolean inverted) {
        this.every = every;
        this.packet = packet;
        this.inverted = inverted;
        this.count = every - packet;
    }

    @Override
    public synchronized boolean matches(Packet p) {
        count = count == every ? 0 : count + 1;
        return (count == 0) != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" statistic");
        text(out, "");
    }

    @Override
    public void save(StringBuilder out) {
        text(out, "--");
    }

    private void text(StringBuilder out, String prefix) {
        out.append(' ').append(prefix).append("mode nth").append(inverted ? " !" : "").append(' ').append(prefix)
                .append("every ").append(every + 1);
        if (packet != 0 || !prefix.isEmpty()) {
            out.append(' ').append(prefix).append("packet ").append(packet);
        }
    }

    /** A counter per rule across every packet that reaches it. */
    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
