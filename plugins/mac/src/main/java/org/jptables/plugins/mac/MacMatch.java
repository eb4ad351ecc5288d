package org.jptables.plugins.mac;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * The packet's Ethernet source equals the address, inverted with {@code !}. A packet without an
 * Ethernet header never matches, with or without {@code !}, as in xt_mac.
 */
public final class MacMatch implements Match {
    private final long mac;
    private final boolean inverted;
    private final String text;

    MacMatch(long mac, boolean inverted) {
        this.mac = mac;
        this.inverted = inverted;
        this.text = MacAddress.format(mac);
    }

    /** The address as a 48-bit long, first byte highest (as {@code Packet.sourceMac()}). */
    public long mac() {
        return mac;
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
        long source = packet.sourceMac();
        if (source < 0) {
            return false;
        }
        return (source == mac) != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" MAC");
        if (inverted) {
            out.append(" !");
        }
        out.append(' ').append(text);
    }

    @Override
    public void save(StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        out.append(" --mac-source ").append(text);
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
