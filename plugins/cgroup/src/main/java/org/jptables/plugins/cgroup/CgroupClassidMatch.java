package org.jptables.plugins.cgroup;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * {@code -m cgroup [!] --cgroup CLASSID}: the net_cls class id of the packet's full socket is
 * CLASSID. Without such a socket the match fails, inverted or not.
 *
 * @param classid  0..2^32-1
 * @param inverted {@code !}
 */
record CgroupClassidMatch(long classid, boolean inverted) implements Match {
    @Override
    public boolean matches(Packet packet) {
        long id = packet.socketClassid();
        return id >= 0 && (id == classid) != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" cgroup").append(inverted ? " !" : "").append(' ').append(classid);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(" --cgroup ").append(classid);
    }

    /** The socket belongs to the packet: it alone decides. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
