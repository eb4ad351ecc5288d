package org.jptables.kernel.path;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jptables.api.Addresses;
import org.jptables.kernel.host.Host;
import org.junit.jupiter.api.Test;

/** ip_route_input's verdicts on the conformance host, as the recorded cases saw them on Linux. */
class RoutingTest {
    private final Routing routing = new Routing(Host.conformance());

    private int input(String src, String dst, String in) {
        return routing.input(Addresses.parse(src), Addresses.parse(dst), in);
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
}
