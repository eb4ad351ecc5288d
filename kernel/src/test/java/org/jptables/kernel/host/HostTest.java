package org.jptables.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Addresses;
import org.jptables.kernel.packet.AddressTypes;
import org.junit.jupiter.api.Test;

class HostTest {
    private final Host host = Host.conformance();

    private static int a(String s) {
        return Addresses.parse(s);
    }

    @Test
    void routesConnectedNetworksAndTheDefaultRoute() {
        assertEquals("eth1", host.name(host.routeDevice(a("198.18.1.2"))));
        assertEquals("eth0", host.name(host.routeDevice(a("203.0.113.9"))), "default route via eth0");
        assertEquals(a("198.18.0.2"), host.nextHop(a("203.0.113.9")));
        assertEquals(a("198.18.1.2"), host.nextHop(a("198.18.1.2")));
        assertEquals(a("198.18.0.1"), host.sourceAddressFor(a("203.0.113.9")));
        assertEquals(0x020000000102L, host.neighbourMac(a("198.18.1.2")));
    }

    @Test
    void addressTypesAsTheKernelReportsThem() {
        assertEquals(AddressTypes.LOCAL, host.typeOf(a("198.18.0.1"), null));
        assertEquals(AddressTypes.LOCAL, host.typeOf(a("127.0.0.5"), null));
        assertEquals(AddressTypes.BROADCAST, host.typeOf(a("198.18.0.255"), null));
        assertEquals(AddressTypes.BROADCAST, host.typeOf(a("255.255.255.255"), null));
        assertEquals(AddressTypes.MULTICAST, host.typeOf(a("224.0.0.1"), null));
        assertEquals(AddressTypes.UNICAST, host.typeOf(a("203.0.113.9"), null));
        assertTrue(host.isLocal(a("198.18.1.1")));
    }

    @Test
    void aBadFileSaysWhereAndWhy() {
        String yaml = "interfaces:\n  - name: eth0\n    mac: \"zz\"\n";
        IOException e = assertThrows(IOException.class,
                () -> Host.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "host.yaml"));
        assertTrue(e.getMessage().startsWith("host.yaml: "), e.getMessage());
    }

    /** fib_lookup's answers, as `ip route get` and `ip route show table local` give them on Linux 6.18. */
    @Test
    void theFibsRouteTypeAndDevice() throws IOException {
        String[][] rows = {
            {"198.18.0.1", "2", "eth0"}, {"198.18.1.1", "2", "eth1"}, {"127.0.0.1", "2", "lo"},
            {"127.9.9.9", "2", "lo"}, {"127.255.255.255", "3", "lo"}, {"198.18.0.255", "3", "eth0"},
            {"198.18.1.255", "3", "eth1"}, {"198.18.0.0", "1", "eth0"}, {"198.18.1.7", "1", "eth1"},
            {"203.0.113.9", "1", "eth0"}, {"0.0.0.0", "1", "eth0"}, {"224.0.0.5", "1", "eth0"},
            {"255.255.255.255", "1", "eth0"}};
        for (String[] r : rows) {
            assertEquals(Integer.parseInt(r[1]), host.routeType(a(r[0])), r[0]);
            assertEquals(r[2], host.routeDeviceName(a(r[0])), r[0]);
        }
        Host noDefault = Host.read(new ByteArrayInputStream(("interfaces:\n"
                + "  - {name: eth0, addresses: [\"10.0.0.1/24\"]}\n").getBytes(StandardCharsets.UTF_8)), "h.yaml");
        assertEquals(AddressTypes.UNSPEC, noDefault.routeType(a("192.0.2.1")));
        assertEquals(null, noDefault.routeDeviceName(a("192.0.2.1")));
    }
}
