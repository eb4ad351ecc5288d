package org.jptables.kernel.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The host as conf/host.yaml describes it: interfaces with addresses, neighbours, routes. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record HostConfig(Boolean forwarding, List<InterfaceConfig> interfaces, List<NeighbourConfig> neighbours,
                         List<RouteConfig> routes) {

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
     * optional.
     */
    public record RouteConfig(String destination, String via, String device, String source) {
    }
}
