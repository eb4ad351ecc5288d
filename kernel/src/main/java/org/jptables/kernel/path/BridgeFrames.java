package org.jptables.kernel.path;

import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.AddressTypes;

/**
 * The Ethernet side of a bridge the host model needs: the MAC address a frame arriving on a
 * bridge port was sent to, which decides whether the bridge passes it up to the host or forwards it
 * (br_handle_frame_finish), and the ports a frame leaving by the bridge goes out of.
 */
final class BridgeFrames {
    private BridgeFrames() {
    }

    /**
     * The destination MAC of a frame arriving on a port of {@code bridge} for {@code destination}:
     * the bridge's own when the address is the host's, a broadcast, or has no neighbour on the bridge
     * (a sender hands such a packet to its router, this host); else the neighbour's, the next hop's
     * (for a station on the same link, the station's own).
     */
    static long destinationMac(Host host, int bridge, int destination) {
        if (host.typeOf(destination, null) != AddressTypes.UNICAST) {
            return host.mac(bridge);
        }
        int hop = host.nextHop(destination);
        long mac = host.routeDevice(hop) == bridge ? host.neighbourMac(hop) : -1;
        return mac < 0 || host.isLocal(hop) ? host.mac(bridge) : mac;
    }

    /**
     * Whether the bridge sends a frame for {@code mac} out of {@code port}: the port its forwarding
     * database names, or, for a MAC it does not know, every port (flooding); never the port
     * {@code from} it came by (-1 for the host's own frames).
     */
    static boolean leavesBy(Host host, int bridge, long mac, int port, int from) {
        int known = host.bridgePortOf(bridge, mac);
        return port != from && (known < 0 || known == port);
    }

    /**
     * The destination MAC of a frame from a port of {@code bridge} whose destination address
     * PREROUTING changed (DNAT, or a NATed connection's reply turned back): br_nf_pre_routing_finish
     * routes it again, and it stays bridged, to the new destination's MAC, only when that route
     * leaves by the same bridge (bridged_dnat); else it goes up to the host, to be delivered or routed.
     */
    static long afterDestinationNat(Host host, int bridge, int destination) {
        boolean bridgedAgain = !host.isLocal(destination) && host.routeDevice(destination) == bridge;
        return bridgedAgain ? destinationMac(host, bridge, destination) : host.mac(bridge);
    }
}
