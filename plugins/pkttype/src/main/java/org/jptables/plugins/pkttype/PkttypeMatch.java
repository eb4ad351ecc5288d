package org.jptables.plugins.pkttype;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * The packet's link-layer type equals the rule's, inverted with {@code !}. A looped-back packet
 * counts as multicast when its destination is a multicast address, else as broadcast, as xt_pkttype.
 */
public final class PkttypeMatch implements Match {
    private final int type;
    private final boolean inverted;

    PkttypeMatch(int type, boolean inverted) {
        this.type = type;
        this.inverted = inverted;
    }

    /** The PACKET_* number matched (0 host, 1 broadcast, 2 multicast, 3 otherhost). */
    public int type() {
        return type;
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
        int t = packet.packetType();
        if (t == PacketType.LOOPBACK) {
            t = (packet.destination() & 0xF0000000) == 0xE0000000 ? 2 : 1;
        }
        return (t == type) != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(inverted ? " PKTTYPE != " : " PKTTYPE = ").append(PacketType.name(type));
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " ! --pkt-type " : " --pkt-type ").append(PacketType.name(type));
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
