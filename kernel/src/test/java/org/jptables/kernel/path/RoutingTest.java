package org.jptables.kernel.path;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jptables.api.Addresses;
import org.jptables.kernel.host.Host;
import org.junit.jupiter.api.Test;

/** ip_route_input's verdicts on the conformance host, as the recorded cases saw them on Linux. */
class RoutingTest {
    private final Routing routing = new Routing(Host.conformance());

    private int input(String src, String dst, String in) {
        return routing.input(Addresses.parse(src), Addresses.parse(dst), in, 0);
    }

    @Test
    void theHostsOwnAddressAsSourceIsAMartianFromOutsideOnly() {
        // rpfilter-routes: 198.18.0.1 and 198.18.1.1 as sources from eth0 pass PREROUTING, then are dropped
        assertEquals(Routing.DROP, input("198.18.0.1", "198.18.0.1", "eth0"));
        assertEquals(Routing.DROP, input("198.18.1.1", "198.18.0.1", "eth0"));
        assertEquals(Routing.LOCAL, input("198.18.0.1", "198.18.0.1", "lo"));
        // a subnet's broadcast address as the source is no martian with rp_filter off
        assertEquals(Routing.LOCAL, input("198.18.0.255", "198.18.0.1", "eth0"));
        assertEquals(Routing.LOCAL, input("198.18.0.2", "198.18.0.1", "eth0"));
        assertEquals(Routing.FORWARD, input("198.18.0.2", "198.18.1.2", "eth0"));
    }

    @Test
    void policyRoutingByMarkDeliversLocally() throws Exception {
        String yaml = "interfaces:\n  - {name: lo, addresses: [\"127.0.0.1/8\"]}\n"
                + "  - {name: eth0, addresses: [\"198.18.0.1/24\"]}\n  - {name: eth1, addresses: [\"198.18.1.1/24\"]}\n"
                + "localMarks: [\"0x1/0x1\"]\n";
        Routing tproxy = new Routing(Host.read(new java.io.ByteArrayInputStream(yaml.getBytes()), "test"));
        int src = Addresses.parse("198.18.0.2");
        int dst = Addresses.parse("198.18.1.2");
        assertEquals(Routing.FORWARD, tproxy.input(src, dst, "eth0", 0));
        assertEquals(Routing.FORWARD, tproxy.input(src, dst, "eth0", 2));
        assertEquals(Routing.LOCAL, tproxy.input(src, dst, "eth0", 3));
        // martians stay martians, multicast is not routed by the rule's table
        assertEquals(Routing.DROP, tproxy.input(Addresses.parse("198.18.0.1"), dst, "eth0", 1));
        assertEquals(Routing.DROP, tproxy.input(src, Addresses.parse("239.1.1.1"), "eth0", 1));
    }

    @Test
    void aRoutesRealmsAreTheDestinationsOwnsAreNone() throws Exception {
        String yaml = "interfaces:\n  - {name: lo, addresses: [\"127.0.0.1/8\"]}\n"
                + "  - {name: eth0, addresses: [\"198.18.0.1/24\"]}\n"
                + "routes:\n  - {destination: 10.9.0.0/16, via: 198.18.0.2, realm: 5}\n"
                + "  - {destination: 10.9.9.0/24, via: 198.18.0.2, realm: \"3/65535\"}\n"
                + "  - {destination: default, via: 198.18.0.2}\n";
        Routing realms = new Routing(Host.read(new java.io.ByteArrayInputStream(yaml.getBytes()), "test"));
        assertEquals(5, realms.realm(Addresses.parse("10.9.1.1")));
        assertEquals(3 << 16 | 65535, realms.realm(Addresses.parse("10.9.9.9")), "the most specific route's");
        assertEquals(0, realms.realm(Addresses.parse("203.0.113.1")), "a route without realms");
        assertEquals(0, realms.realm(Addresses.parse("198.18.0.1")), "the host's own address: the local table");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Host.read(new java.io.ByteArrayInputStream(yaml.replace("realm: 5", "realm: 70000").getBytes()),
                        "test"));
        assertEquals("test: host: route to 10.9.0.0/16: realm \"70000\" is not a number 0-65535 (or FROM/TO)",
                e.getMessage());
    }
}
