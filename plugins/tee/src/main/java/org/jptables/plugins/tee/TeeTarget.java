package org.jptables.plugins.tee;

import org.jptables.api.Addresses;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * TEE as xt_TEE's tee_tg4: the kernel sends a copy of the packet to {@code gateway} (see
 * {@link Packet#duplicate}), and the packet goes on with the next rule.
 *
 * @param gateway the gateway, an IPv4 address in network order (never 0)
 * @param device  the device the copy must leave by, null for the one the route to the gateway names
 */
record TeeTarget(int gateway, String device) implements Target {
    @Override
    public int apply(Packet packet) {
        packet.duplicate(gateway, device);
        return Verdict.CONTINUE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        String name = null;
        if (!format.numeric() && format.names() != null) {
            // xtables_ipaddr_to_anyname: the host's name, else the network's, else the address
            name = format.names().hostName(gateway);
            if (name == null) {
                name = format.names().networkName(gateway);
            }
        }
        out.append(" TEE gw:").append(name != null ? name : Addresses.format(gateway));
        if (device != null) {
            out.append(" oif=").append(device);
        }
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --gateway ").append(Addresses.format(gateway));
        if (device != null) {
            out.append(" --oif ").append(device);
        }
    }

    /** The copy is made from this packet alone; nothing is kept between packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
