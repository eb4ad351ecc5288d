package org.jptables.plugins.tos;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.TosSymbol;

/** {@code (tos & mask) == value}, inverted with {@code !}, as xt_tos revision 1. */
public final class TosMatch implements Match {
    private final int value;
    private final int mask;
    private final boolean inverted;

    TosMatch(int value, int mask, boolean inverted) {
        this.value = value;
        this.mask = mask;
        this.inverted = inverted;
    }

    public int value() {
        return value;
    }

    public int mask() {
        return mask;
    }

    public boolean inverted() {
        return inverted;
    }

    /** It only reads the packet: never in the way of the compiled classifier. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public boolean matches(Packet packet) {
        return ((packet.tos() & mask) == value) != inverted;
    }

    /** libxt_tos prints "tos match" and the value without a space between, a symbol with one. */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" tos match");
        if (inverted) {
            out.append('!');
        }
        TosSymbol symbol = format.numeric() ? null : TosSymbol.of(value, mask);
        if (symbol != null) {
            out.append(' ').append(symbol.text());
        } else {
            appendPair(out);
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        out.append(" --tos ");
        appendPair(out);
    }

    private void appendPair(StringBuilder out) {
        out.append(String.format("0x%02x/0x%02x", value, mask));
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
