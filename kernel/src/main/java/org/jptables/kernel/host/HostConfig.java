package org.jptables.kernel.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The host as conf/host.yaml describes it: interfaces with addresses, neighbours, routes, the
 * host's TCP and UDP sockets (for xt_socket and TPROXY), and the marks its policy routing delivers
 * locally (TPROXY's {@code ip rule add fwmark ... lookup T} with {@code local 0.0.0.0/0 dev lo} in T),
 * {@code osf}: the pf.os file of passive OS fingerprints the host has loaded ({@code nfnl_osf -f
 * FILE}, for {@code -m osf}; a path relative to host.yaml's folder; none loaded without it), and its
 * bridges (br_netfilter with bridge-nf-call-iptables=1: bridged frames pass iptables).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record HostConfig(Boolean forwarding, List<InterfaceConfig> interfaces, List<NeighbourConfig> neighbours,
                         List<RouteConfig> routes, List<SocketConfig> sockets, List<String> localMarks,
                         String osf, List<BridgeConfig> bridges) {

    /** A host that has loaded no OS fingerprints and has no bridges. */
    public HostConfig(Boolean forwarding, List<InterfaceConfig> interfaces, List<NeighbourConfig> neighbours,
                      List<RouteConfig> routes, List<SocketConfig> sockets, List<String> localMarks) {
        this(forwarding, interfaces, neighbours, routes, sockets, localMarks, null, null);
    }

    /** A host without sockets and without policy routing by mark. */
    public HostConfig(Boolean forwarding, List<InterfaceConfig> interfaces, List<NeighbourConfig> neighbours,
                      List<RouteConfig> routes) {
        this(forwarding, interfaces, neighbours, routes, null, null, null, null);
    }

    /**
     * A socket of the host, as {@code ss -tuan} shows it: {@code proto} tcp or udp; {@code local} and
     * {@code remote} as {@code a.b.c.d:port} ({@code 0.0.0.0} for a socket bound to no address, no
     * {@code remote} for a listener or an unconnected UDP socket); {@code state} of a TCP socket
     * {@code listen}, {@code established} or {@code time-wait} (default: established with a remote,
     * else listen; a UDP socket has none: it is connected when it has a remote); {@code transparent}
     * (IP_TRANSPARENT, false) and {@code mark} (SO_MARK, 0, decimal or 0x hex).
     */
    public record SocketConfig(String proto, String state, String local, String remote, Boolean transparent,
                               String mark) {
    }

    /**
     * One interface: {@code addresses} as {@code 198.18.0.1/24}; {@code mtu} defaults to 65536 for
     * lo and 1500 for the others (Ethernet); {@code up} defaults to true. A down interface keeps its
     * addresses as the host's own, but the kernel gives its subnets no route and no broadcast address.
     */
    public record InterfaceConfig(String name, Integer index, String mac, List<String> addresses, Integer mtu,
                                  Boolean up) {
    }

    /** A neighbour's MAC address, as the ARP table holds it. */
    public record NeighbourConfig(String address, String mac, String device) {
    }

    /**
     * A route: {@code destination} is {@code default} or {@code a.b.c.d/len}; {@code via} is
     * optional; {@code source} is the route's preferred source address (ip route's {@code src}),
     * optional; {@code realm} the route's realm as ip route's {@code realm TO} or {@code realms
     * FROM/TO} give it (numbers 0-65535; the packet's route realm, dst->tclassid, is
     * {@code FROM << 16 | TO}), optional.
     */
    public record RouteConfig(String destination, String via, String device, String source, String realm) {
        public RouteConfig(String destination, String via, String device, String source) {
            this(destination, via, device, source, null);
        }
    }

    /**
     * A bridge: {@code name} is an interface of the host (it holds the addresses), {@code ports}
     * the interfaces enslaved to it (no addresses of their own), {@code fdb} the forwarding
     * database, a MAC address (as {@code 02:00:00:00:00:02}) to the port it is behind, as
     * {@code bridge fdb} shows it. A frame to a MAC the fdb does not hold is flooded.
     */
    public record BridgeConfig(String name, List<String> ports, Map<String, String> fdb) {
    }
}
