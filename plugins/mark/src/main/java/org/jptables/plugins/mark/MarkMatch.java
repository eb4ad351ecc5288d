package org.jptables.plugins.mark;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Numbers;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * Matches when the masked packet mark equals the value, {@code ((mark & mask) == value) ^ invert}
 * as xt_mark does. The value is not masked when the rule is read: {@code 0xff/0xf} never matches.
 */
final class MarkMatch implements Match {
    private final int value;
    private final int mask;
    private final boolean inverted;

    MarkMatch(int value, int mask, boolean inverted) {
        this.value = value;
        this.mask = mask;
        this.inverted = inverted;
    }

    @Override
    public boolean matches(Packet packet) {
        return ((packet.mark() & mask) == value) != inverted;
    }

    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        constraints.complete();
        constraints.mark(value & 0xFFFFFFFFL, mask & 0xFFFFFFFFL, inverted);
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" mark match");
        if (inverted) {
            out.append(" !");
        }
        valueAndMask(out);
    }

    @Override
    public void save(StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        out.append(" --mark");
        valueAndMask(out);
    }

    /** The mask only when it is not the full one. */
    private void valueAndMask(StringBuilder out) {
        out.append(' ').append(Numbers.hex(value & 0xFFFFFFFFL));
        if (mask != -1) {
            out.append('/').append(Numbers.hex(mask & 0xFFFFFFFFL));
        }
    }

    /** The packet's mark (skb->mark) is the packet's own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
