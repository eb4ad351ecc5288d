package org.jptables.plugins.addrtype;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * Matches when the source and destination address types are (or, inverted, are not) in the
 * lists. With an interface limit the type is asked of the packet's incoming (or outgoing) device
 * only, as xt_addrtype does.
 */
final class AddrtypeMatch implements Match {
    private final int source;
    private final boolean sourceInverted;
    private final int destination;
    private final boolean destinationInverted;
    private final boolean limitIn;
    private final boolean limitOut;

    AddrtypeMatch(int source, boolean sourceInverted, int destination, boolean destinationInverted, boolean limitIn,
                  boolean limitOut) {
        this.source = source;
        this.sourceInverted = sourceInverted;
        this.destination = destination;
        this.destinationInverted = destinationInverted;
        this.limitIn = limitIn;
        this.limitOut = limitOut;
    }

    /** The kernel's checkentry: an input-interface limit needs an input hook, an output one an output hook. */
    @Override
    public boolean allowedAt(String table, org.jptables.api.Hook hook) {
        if (limitIn) {
            return hook == org.jptables.api.Hook.PREROUTING || hook == org.jptables.api.Hook.INPUT
                    || hook == org.jptables.api.Hook.FORWARD;
        }
        if (limitOut) {
            return hook == org.jptables.api.Hook.POSTROUTING || hook == org.jptables.api.Hook.OUTPUT
                    || hook == org.jptables.api.Hook.FORWARD;
        }
        return true;
    }

    /** It only reads the packet: never in the way of the compiled classifier. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public boolean matches(Packet packet) {
        String device = null;
        if (limitIn) {
            device = packet.inInterface();
        } else if (limitOut) {
            device = packet.outInterface();
        }
        if (device != null && device.isEmpty()) {
            device = null;
        }
        if (source != 0 && ((source & (1 << packet.addressType(packet.source(), device))) != 0) == sourceInverted) {
            return false;
        }
        return destination == 0
                || ((destination & (1 << packet.addressType(packet.destination(), device))) != 0) != destinationInverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" ADDRTYPE match");
        if (source != 0) {
            out.append(" src-type ").append(sourceInverted ? "!" : "");
            AddressTypes.format(source, out);
        }
        if (destination != 0) {
            out.append(" dst-type ").append(destinationInverted ? "!" : "");
            AddressTypes.format(destination, out);
        }
        if (limitIn) {
            out.append(" limit-in");
        }
        if (limitOut) {
            out.append(" limit-out");
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (source != 0) {
            out.append(sourceInverted ? " !" : "").append(" --src-type ");
            AddressTypes.format(source, out);
        }
        if (destination != 0) {
            out.append(destinationInverted ? " !" : "").append(" --dst-type ");
            AddressTypes.format(destination, out);
        }
        if (limitIn) {
            out.append(" --limit-iface-in");
        }
        if (limitOut) {
            out.append(" --limit-iface-out");
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
