package org.jptables.kernel.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jptables.api.Addresses;
import org.jptables.api.Effects;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DNAT to address and port ranges: the choices below are what Linux 6.x's nf_nat made for these
 * clients (SYNs from CLIENT:SPORT to 198.18.0.1, read back from /proc/net/nf_conntrack), with
 * {@code -j DNAT --to-destination 198.18.1.10-198.18.1.40[:8000-8010] [--persistent]}.
 */
class NatRangeChoiceTest {
    private final ConnectionTracker tracker = new ConnectionTracker();
    private final PacketView view = new PacketView();
    private static final int LOW = Addresses.parse("198.18.1.10");
    private static final int HIGH = Addresses.parse("198.18.1.40");

    private int[] dnat(String client, int sport, int dport, int minPort, int maxPort, int flags) {
        byte[] syn = new Ipv4Builder().source(client).destination("198.18.0.1").sourcePort(sport).destinationPort(dport)
                .tcpFlags(Ipv4Builder.SYN).build();
        view.wrap(syn).inInterface("eth0");
        int h = tracker.track(view, 1);
        tracker.bindNat(h, false, LOW, HIGH, minPort, maxPort, Effects.NAT_MAP_IPS | flags);
        tracker.confirm(h);
        int[] reply = new int[4];
        tracker.tuple(h, true, reply);
        return reply;
    }

    @ParameterizedTest
    @CsvSource({
        "203.0.113.1, 40000, 198.18.1.32, 198.18.1.40",
        "203.0.113.2, 40001, 198.18.1.11, 198.18.1.39",
        "203.0.113.3, 40002, 198.18.1.40, 198.18.1.13",
        "203.0.113.7, 40003, 198.18.1.15, 198.18.1.17",
        "203.0.113.9, 40004, 198.18.1.27, 198.18.1.13",
        "203.0.113.20, 40005, 198.18.1.10, 198.18.1.36",
        "203.0.113.77, 40006, 198.18.1.14, 198.18.1.20",
        "203.0.113.200, 40007, 198.18.1.22, 198.18.1.15",
        "198.51.100.5, 40008, 198.18.1.35, 198.18.1.21",
        "192.0.2.33, 40009, 198.18.1.34, 198.18.1.28",
    })
    void theAddressIsTheKernelsHashOfTheClient(String client, int sport, String hashed, String persistent) {
        assertEquals(Addresses.parse(hashed), dnat(client, sport, 80, 0, 0, 0)[0]);
        int[] reply = dnat(client, sport, 81, 8000, 8010, Effects.NAT_PROTO_SPECIFIED);
        assertEquals(Addresses.parse(hashed), reply[0]);
        assertEquals(8000, reply[2], "a port outside the range becomes the range's first");
        assertEquals(Addresses.parse(persistent), dnat(client, sport, 84, 0, 0, Effects.NAT_PERSISTENT)[0]);
    }

    @ParameterizedTest
    @CsvSource({"203.0.113.1, 40000", "192.0.2.33, 40009"})
    void aTakenPortMovesToTheNextOneOfTheRange(String client, int sport) {
        int single = Addresses.parse("198.18.1.50");
        byte[] first = new Ipv4Builder().source(client).destination("198.18.0.1").sourcePort(sport).destinationPort(82)
                .tcpFlags(Ipv4Builder.SYN).build();
        view.wrap(first).inInterface("eth0");
        int a = tracker.track(view, 1);
        tracker.bindNat(a, false, single, single, 8000, 8010, Effects.NAT_MAP_IPS | Effects.NAT_PROTO_SPECIFIED);
        tracker.confirm(a);
        byte[] second = new Ipv4Builder().source(client).destination("198.18.0.1").sourcePort(sport).destinationPort(83)
                .tcpFlags(Ipv4Builder.SYN).build();
        view.wrap(second).inInterface("eth0");
        int b = tracker.track(view, 2);
        tracker.bindNat(b, false, single, single, 8000, 8010, Effects.NAT_MAP_IPS | Effects.NAT_PROTO_SPECIFIED);
        int[] reply = new int[4];
        tracker.tuple(a, true, reply);
        assertEquals(8000, reply[2]);
        tracker.tuple(b, true, reply);
        assertEquals(8001, reply[2]);
    }

    @ParameterizedTest
    @CsvSource({"8005, 8005", "80, 8000"})
    void aPortInsideTheRangeIsKept(int dport, int expected) {
        assertEquals(expected, dnat("203.0.113.1", 40000, dport, 8000, 8010, Effects.NAT_PROTO_SPECIFIED)[2]);
    }
}
