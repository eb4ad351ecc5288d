package org.jptables.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    private static HostConfig.InterfaceConfig nic(String name, int index, Boolean up, String... addresses) {
        return new HostConfig.InterfaceConfig(name, index, null, List.of(addresses), null, up);
    }

    @Test
    void findsAnInterfaceByTheKernelsIfindex() {
        Host sparse = Host.of(new HostConfig(true, List.of(nic("lo", 1, null, "127.0.0.1/8"),
                nic("veth9", 4711, null), nic("br0", 17, null), nic("eth0", 2, null)), null, null));
        assertEquals(0, sparse.indexOfIfindex(1));
        assertEquals(1, sparse.indexOfIfindex(4711));
        assertEquals(2, sparse.indexOfIfindex(17));
        assertEquals(3, sparse.indexOfIfindex(2));
        assertEquals(-1, sparse.indexOfIfindex(3));
        assertEquals(-1, sparse.indexOfIfindex(0));
        assertEquals(-1, sparse.indexOfIfindex(99999));
        for (int position = 0; position < host.interfaceCount(); position++) {
            assertEquals(position, host.indexOfIfindex(host.interfaceIndex(position)));
        }
        assertEquals(-1, Host.of(new HostConfig(null, null, null, null)).indexOfIfindex(1));
    }

    @Test
    void twoInterfacesWithOneIfindexAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Host.of(new HostConfig(true, List.of(nic("eth0", 2, null), nic("eth1", 2, null)), null, null)));
        assertEquals("host: two interfaces have the index 2", e.getMessage());
    }

    /** As `ip link set d0 down` leaves it on Linux 6.18: the local entry stays, the subnet's route and broadcast go. */
    @Test
    void aDownInterfaceKeepsItsAddressButNotItsSubnet() {
        Host h = Host.of(new HostConfig(true, List.of(nic("lo", 1, null, "127.0.0.1/8"),
                nic("d0", 2, false, "198.18.5.1/24"), nic("d1", 3, true, "198.18.6.1/24")), null, null));
        assertFalse(h.up(1));
        assertTrue(h.up(2));
        assertTrue(h.isLocal(a("198.18.5.1")));
        assertEquals(AddressTypes.LOCAL, h.routeType(a("198.18.5.1")));
        assertEquals(-1, h.routeDevice(a("198.18.5.9")));
        assertEquals(AddressTypes.UNSPEC, h.routeType(a("198.18.5.9")));
        assertEquals(AddressTypes.UNICAST, h.typeOf(a("198.18.5.255"), null));
        assertEquals(AddressTypes.BROADCAST, h.typeOf(a("198.18.6.255"), null));
        assertEquals(2, h.routeDevice(a("198.18.6.9")));
    }

    @Test
    void theSourceAddressIsTheRoutesPreferredOne() {
        Host h = Host.of(new HostConfig(true, List.of(nic("lo", 1, null, "127.0.0.1/8"),
                nic("eth0", 2, null, "198.18.0.1/24", "198.18.7.1/24")), null, List.of(
                new HostConfig.RouteConfig("198.18.9.0/24", "198.18.0.2", "eth0", "198.18.7.1"),
                new HostConfig.RouteConfig("default", "198.18.0.2", "eth0", null))));
        assertEquals(a("198.18.7.1"), h.sourceAddressFor(a("198.18.9.5")), "ip route's src");
        assertEquals(a("198.18.0.1"), h.sourceAddressFor(a("203.0.113.9")), "no src: the device's first address");
        assertEquals(a("198.18.7.1"), h.sourceAddressFor(a("198.18.7.20")), "a connected route's src is its address");
        assertEquals(a("198.18.0.1"), h.sourceAddressFor(a("198.18.0.20")));
        assertEquals(0, Host.of(new HostConfig(true, List.of(nic("eth0", 2, null, "10.0.0.1/24")), null, null))
                .sourceAddressFor(a("192.0.2.1")), "no route, no source");
    }

    @Test
    void bridgesNameTheirPortsAndForwardingDatabase() throws Exception {
        Host h = Host.conformanceBridge();
        int br0 = h.indexOf("br0");
        assertEquals(br0, h.bridgeOf(h.indexOf("eth0")));
        assertEquals(br0, h.bridgeOf(h.indexOf("eth1")));
        assertEquals(-1, h.bridgeOf(br0));
        assertEquals(-1, h.bridgeOf(h.indexOf("lo")));
        assertEquals(2, h.bridgePortCount(br0));
        assertEquals(0, h.bridgePortCount(h.indexOf("lo")));
        assertEquals(h.indexOf("eth1"), h.bridgePortOf(br0, 0x020000000102L));
        assertEquals(-1, h.bridgePortOf(br0, 0x020000000999L), "unknown: flooded");
    }

    @Test
    void aBridgeMustNameInterfacesAndItsOwnPorts() {
        String base = "interfaces: [{name: eth0}, {name: eth1}, {name: br0}, {name: br1}]\n";
        assertEquals("x: host: bridge br0: port eth9 is not one of the interfaces", bad(base
                + "bridges: [{name: br0, ports: [eth9]}]"));
        assertEquals("x: host: bridge br0: fdb entry 02:00:00:00:00:02 names eth1, which is not one of its ports", bad(base
                + "bridges: [{name: br0, ports: [eth0], fdb: {\"02:00:00:00:00:02\": eth1}}]"));
        assertEquals("x: host: bridge br1: eth0 is already a bridge or a bridge's port", bad(base
                + "bridges: [{name: br0, ports: [eth0]}, {name: br1, ports: [eth0]}]"));
    }

    private static String bad(String yaml) {
        IOException e = assertThrows(IOException.class,
                () -> Host.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "x"));
        return e.getMessage();
    }
}
