package org.jptables.plugins.ttl;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/** ttl_mt: the IPv4 TTL compared with the rule's value. */
record TtlMatch(TtlMode mode, int ttl) implements Match {

    /** It only reads the packet: never in the way of the compiled classifier. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public boolean matches(Packet packet) {
        int t = packet.ttl();
        return switch (mode) {
            case EQ -> t == ttl;
            case NE -> t != ttl;
            case LT -> t < ttl;
            case GT -> t > ttl;
        };
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" TTL match TTL ").append(mode.operator).append(' ').append(ttl);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(mode.option).append(' ').append(ttl);
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
