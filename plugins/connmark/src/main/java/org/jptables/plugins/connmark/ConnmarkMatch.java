package org.jptables.plugins.connmark;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Numbers;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * Matches when the masked connection mark equals the value, {@code ((ctmark & mask) == value) ^ invert}
 * as xt_connmark does; a packet without a connection never matches, inverted or not.
 *
 * @param value    the value, not masked when the rule is read ({@code 0xff/0xf} never matches)
 * @param mask     the mask
 * @param inverted {@code ! --mark}
 */
record ConnmarkMatch(int value, int mask, boolean inverted) implements Match {
    /** It only reads the packet: never in the way of the compiled classifier. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public boolean matches(Packet packet) {
        long mark = packet.connMark();
        if (mark < 0) {
            return false;
        }
        return (((int) mark & mask) == value) != inverted;
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    /** {@code connmark match !0x1/0xff} is printed with a space on each side of the "!" or its place. */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" connmark match ");
        if (inverted) {
            out.append('!');
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

    /** The connection's mark lives in its tracker entry: only its own packets set it. */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }
}
