package org.jptables.plugins.multiport;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_multiport's multiport_mt (revision 1): fragments never match, a packet whose two port
 * fields cannot be read is dropped.
 *
 * @param protocol the rule's protocol name, for the service names of -L
 */
record MultiportMatch(Direction direction, PortList ports, boolean inverted, String protocol) implements Match {

    /** Which port the list is matched against, with its -L word and -S option. */
    enum Direction {
        SOURCE("sports", "--sports"), DESTINATION("dports", "--dports"), EITHER("ports", "--ports");

        final String word;
        final String option;

        Direction(String word, String option) {
            this.word = word;
            this.option = option;
        }
    }

    @Override
    public boolean matches(Packet packet) {
        if (packet.fragmentOffset() != 0) {
            return false;
        }
        int th = packet.transportOffset();
        long both = packet.u32(th);
        if (both < 0) {
            packet.hotdrop();
            return false;
        }
        int source = (int) (both >>> 16);
        int destination = (int) (both & 0xFFFF);
        boolean found = switch (direction) {
            case SOURCE -> ports.contains(source);
            case DESTINATION -> ports.contains(destination);
            case EITHER -> ports.containsEither(source, destination);
        };
        return found != inverted;
    }

    /** Pure on a whole transport header; one direction is a port constraint, both are not one field. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        switch (direction) {
            case SOURCE -> {
                constraints.sourcePorts(ports.ranges(), inverted);
                constraints.complete();
            }
            case DESTINATION -> {
                constraints.destinationPorts(ports.ranges(), inverted);
                constraints.complete();
            }
            case EITHER -> {
            }
        }
    }

    /** {@code " multiport dports http,https"}; iptables leaves two spaces before "!". */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" multiport ").append(direction.word).append(' ');
        if (inverted) {
            out.append(" !");
        }
        ports.append(out, protocol, format);
    }

    @Override
    public void save(StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        out.append(' ').append(direction.option).append(' ');
        ports.append(out, protocol, new ListingFormat(true, null));
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
