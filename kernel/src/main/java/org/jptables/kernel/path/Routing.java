package org.jptables.kernel.path;

import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.AddressTypes;

/**
 * The routing decisions of the path, kept apart from the hooks because they depend on the host's
 * addresses and routes only, never on the tables: where a received packet goes (ip_route_input)
 * and by which device a packet the host sends leaves.
 */
final class Routing {
    static final int DROP = 0;
    static final int LOCAL = 1;
    static final int FORWARD = 2;

    private final Host host;

    Routing(Host host) {
        this.host = host;
    }

    /**
     * ip_route_input's verdict on a received packet: martians (a multicast, broadcast, loopback or
     * zero source, one of the host's own addresses as the source of a packet from outside, a zero
     * or loopback destination) are dropped; broadcasts and the host's own
     * addresses are delivered locally, as is the all-hosts group every interface joins; other
     * multicast is dropped (no multicast routing); the rest is forwarded, unless the host's policy
     * routing delivers packets with this {@code mark} locally (TPROXY's fwmark rule and its table
     * of {@code local 0.0.0.0/0 dev lo}).
     */
    int input(int src, int dst, String in, int mark) {
        boolean loopback = "lo".equals(in);
        if (dst == 0xFFFFFFFF || (src == 0 && dst == 0)) {
            return LOCAL;
        }
        int srcType = host.typeOf(src, null);
        if (srcType == AddressTypes.MULTICAST || src == 0xFFFFFFFF || src == 0
                || (!loopback && (src >>> 24) == 127)) {
            return DROP;
        }
        if (dst == 0 || (!loopback && (dst >>> 24) == 127)) {
            return DROP;
        }
        if (!loopback && host.isLocal(src)) {
            // fib_validate_source with rp_filter and accept_local off: one of the host's own
            // addresses as the source of a packet from outside is a martian
            return DROP;
        }
        int dstType = host.typeOf(dst, null);
        if (host.deliversLocally(mark) && dstType != AddressTypes.MULTICAST) {
            return LOCAL;
        }
        return switch (dstType) {
            case AddressTypes.LOCAL, AddressTypes.BROADCAST -> LOCAL;
            case AddressTypes.MULTICAST -> dst == 0xE0000001 ? LOCAL : DROP;
            default -> FORWARD;
        };
    }

    /**
     * The realms of the route a packet to {@code destination} takes out of the host (dst->tclassid):
     * none for its own addresses and 127/8 (the local table's routes), else the route's.
     */
    int realm(int destination) {
        return (destination >>> 24) == 127 || host.isLocal(destination) ? 0 : host.routeRealm(destination);
    }

    /** The device of a packet the host sends: lo for its own addresses and 127/8, else the route's. */
    int output(int destination) {
        if ((destination >>> 24) == 127 || host.isLocal(destination)) {
            int lo = host.indexOf("lo");
            if (lo >= 0) {
                return lo;
            }
        }
        return host.routeDevice(destination);
    }
}
