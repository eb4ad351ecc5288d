package org.jptables.plugins.iprange;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/** Matches when each given range holds (or, inverted, does not hold) the packet's address. */
final class IprangeMatch implements Match {
    private final AddressRange source;
    private final boolean sourceInverted;
    private final AddressRange destination;
    private final boolean destinationInverted;

    IprangeMatch(AddressRange source, boolean sourceInverted, AddressRange destination,
                 boolean destinationInverted) {
        this.source = source;
        this.sourceInverted = sourceInverted;
        this.destination = destination;
        this.destinationInverted = destinationInverted;
    }

    @Override
    public boolean matches(Packet packet) {
        if (source != null && source.contains(packet.source()) == sourceInverted) {
            return false;
        }
        return destination == null || destination.contains(packet.destination()) != destinationInverted;
    }

    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        constraints.complete();
        if (source != null) {
            constraints.sourceRange(bytes(source.first()), bytes(source.last()), sourceInverted);
        }
        if (destination != null) {
            constraints.destinationRange(bytes(destination.first()), bytes(destination.last()), destinationInverted);
        }
    }

    private static byte[] bytes(int address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        if (source != null) {
            out.append(" source IP range ").append(sourceInverted ? "! " : "").append(source);
        }
        if (destination != null) {
            out.append(" destination IP range ").append(destinationInverted ? "! " : "").append(destination);
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (source != null) {
            out.append(sourceInverted ? " !" : "").append(" --src-range ").append(source);
        }
        if (destination != null) {
            out.append(destinationInverted ? " !" : "").append(" --dst-range ").append(destination);
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
