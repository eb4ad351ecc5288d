package org.jptables.plugins.udp;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/** xt_tcpudp's udp_mt: fragments never match, a packet without a whole 8-byte header is dropped. */
record UdpMatch(PortRange source, PortRange destination) implements Match {
    private static final int HEADER = 8;

    @Override
    public boolean matches(Packet packet) {
        if (packet.fragmentOffset() != 0) {
            return false;
        }
        int uh = packet.transportOffset();
        if (packet.u32(uh + HEADER - 4) < 0) {
            packet.hotdrop();
            return false;
        }
        return source.matches(packet.u16(uh)) && destination.matches(packet.u16(uh + 2));
    }

    /** Pure on a whole header (a classifiable packet has one): the ports are its constraints. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        constraints.complete();
        if (!source.isAny() || source.inverted()) {
            constraints.sourcePorts(new int[] {source.min(), source.max()}, source.inverted());
        }
        if (!destination.isAny() || destination.inverted()) {
            constraints.destinationPorts(new int[] {destination.min(), destination.max()}, destination.inverted());
        }
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" udp");
        source.print(out, "spt", format);
        destination.print(out, "dpt", format);
    }

    @Override
    public void save(StringBuilder out) {
        source.save(out, "--sport");
        destination.save(out, "--dport");
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
