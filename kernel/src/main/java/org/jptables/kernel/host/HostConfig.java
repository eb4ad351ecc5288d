package org.jptables.kernel.host;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The host as conf/host.yaml describes it: interfaces with addresses, neighbours, routes. */
@JsonIgnoreProperties(ignoreUnknown = false)
public record HostConfig(Boolean forwarding, List<InterfaceConfig> interfaces, List<NeighbourConfig> neighbours,
                         List<RouteConfig> routes) {

    /**
     * One interface: {@code addresses} as {@code 198.18.0.1/24}; {@code mtu} defaults to 65536 for
     * lo and 1500 for the others (Ethernet).
     */
    public record InterfaceConfig(String name, Integer index, String mac, List<String> addresses, Integer mtu) {
    }

    /** A neighbour's MAC address, as the ARP table holds it. */
    public record NeighbourConfig(String address, String mac, String device) {
    }

    /** A route: {@code destination} is {@code default} or {@code a.b.c.d/len}; {@code via} is optional. */
    public record RouteConfig(String destination, String via, String device) {
    }
}
