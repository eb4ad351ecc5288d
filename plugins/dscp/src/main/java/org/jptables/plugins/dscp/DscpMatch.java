package org.jptables.plugins.dscp;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/** The upper six bits of the TOS byte equal the code point, inverted with {@code !}. */
public final class DscpMatch implements Match {
    private final int dscp;
    private final boolean inverted;

    DscpMatch(int dscp, boolean inverted) {
        this.dscp = dscp;
        this.inverted = inverted;
    }

    /** The code point, 0..63 (a class is kept as its code point, as iptables does). */
    public int dscp() {
        return dscp;
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
        return ((packet.tos() >>> 2) == dscp) != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" DSCP match ");
        if (inverted) {
            out.append('!');
        }
        hex(out);
    }

    @Override
    public void save(StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        out.append(" --dscp ");
        hex(out);
    }

    private void hex(StringBuilder out) {
        out.append("0x").append(Character.forDigit(dscp >> 4, 16)).append(Character.forDigit(dscp & 0xF, 16));
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
