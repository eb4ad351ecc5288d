package org.jptables.kernel.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jptables.api.Addresses;
import org.jptables.api.ConnState;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/** The NAT hooks, on the nat-portforward conformance case (DNAT at PREROUTING, MASQUERADE at POSTROUTING). */
class ConntrackNatTest {
    private final ConnectionTracker tracker = new ConnectionTracker();
    private final PacketView view = new PacketView();
    private long now;

    private static byte[] tcp(String src, String dst, int sport, int dport, int flags, long seq, long ack) {
        return new Ipv4Builder().source(src).destination(dst).sourcePort(sport).destinationPort(dport)
                .tcpFlags(flags).sequence(seq).acknowledgement(ack).build();
    }

    private int track(String dev, byte[] p) {
        now += 150_000_000L;
        view.wrap(p).inInterface(dev);
        return tracker.track(view, now);
    }

    private List<String> table() {
        List<String> out = new ArrayList<>();
        for (String l : tracker.procLines(now)) {
            out.add(l.replaceFirst("^(ipv4 +2 \\S+ +\\d+ )\\d+ ", "$1T "));
        }
        out.sort(null);
        return out;
    }

    @Test
    void portForwardWithMasquerade() {
        int h = track("eth0", tcp("203.0.113.20", "198.18.0.1", 50000, 8080, Ipv4Builder.SYN, 100, 0));
        assertTrue(tracker.isNew(h));
        assertFalse(tracker.natDone(h, false));
        tracker.bindNat(h, false, Addresses.parse("198.18.1.2"), 80);
        assertEquals(ConnState.NEW | ConnState.DNAT, view.ctState()); // republished for the later hooks
        tracker.bindNat(h, true, Addresses.parse("198.18.1.1"), 0);
        assertTrue(tracker.natDone(h, true) && tracker.natDone(h, false) && tracker.natBound(h));
        assertTrue(tracker.natted(h));
        assertEquals(ConnState.NEW | ConnState.DNAT | ConnState.SNAT, view.ctState());
        int[] t = new int[4];
        tracker.tuple(h, true, t);
        assertEquals(Addresses.parse("198.18.1.2"), t[0]);
        assertEquals(Addresses.parse("198.18.1.1"), t[1]);
        assertEquals(80, t[2]);
        assertEquals(50000, t[3]);
        tracker.confirm(h);
        assertEquals(List.of("ipv4     2 tcp      6 T SYN_SENT src=203.0.113.20 dst=198.18.0.1 sport=50000 "
                + "dport=8080 [UNREPLIED] src=198.18.1.2 dst=198.18.1.1 sport=80 dport=50000 mark=0 zone=0 use=2"),
                table());

        // the server's SYN-ACK arrives on eth1, addressed to the masquerading address
        assertEquals(h, track("eth1", tcp("198.18.1.2", "198.18.1.1", 80, 50000,
                Ipv4Builder.SYN | Ipv4Builder.ACK, 700, 101)));
        assertTrue(tracker.isReply(h));
        assertEquals(ConnState.ESTABLISHED | ConnState.DNAT | ConnState.SNAT, view.ctState());
        assertEquals(List.of("ipv4     2 tcp      6 T SYN_RECV src=203.0.113.20 dst=198.18.0.1 sport=50000 "
                + "dport=8080 src=198.18.1.2 dst=198.18.1.1 sport=80 dport=50000 mark=0 zone=0 use=2"), table());

        assertEquals(h, track("eth0", tcp("203.0.113.20", "198.18.0.1", 50000, 8080, Ipv4Builder.ACK, 101, 701)));
        assertFalse(tracker.isReply(h));
        assertTrue(table().get(0).contains(" ESTABLISHED ") && table().get(0).contains("[ASSURED]"));

        // UDP forwarded with DNAT to an address only
        int u = track("eth0", new Ipv4Builder().source("203.0.113.21").destination("198.18.0.1")
                .protocol(Ipv4Builder.UDP).sourcePort(6000).destinationPort(5005).payloadLength(30).build());
        tracker.bindNat(u, false, Addresses.parse("198.18.1.2"), 0);
        tracker.bindNat(u, true, Addresses.parse("198.18.1.1"), 0);
        tracker.confirm(u);

        // a SYN that no rule NATs (null bindings) and FORWARD rejects: aborted
        int r = track("eth0", tcp("203.0.113.22", "198.18.1.2", 50001, 22, Ipv4Builder.SYN, 1000, 0));
        tracker.bindNat(r, false, 0, 0);
        assertTrue(tracker.natDone(r, false));
        assertFalse(tracker.natted(r));
        tracker.abort(r);

        assertEquals(h, track("eth0", tcp("203.0.113.20", "198.18.0.1", 50000, 8080,
                Ipv4Builder.FIN | Ipv4Builder.ACK, 101, 701)));
        tracker.confirm(h);
        assertEquals(List.of(
                "ipv4     2 tcp      6 T FIN_WAIT src=203.0.113.20 dst=198.18.0.1 sport=50000 dport=8080 "
                        + "src=198.18.1.2 dst=198.18.1.1 sport=80 dport=50000 [ASSURED] mark=0 zone=0 use=2",
                "ipv4     2 udp      17 T src=203.0.113.21 dst=198.18.0.1 sport=6000 dport=5005 [UNREPLIED] "
                        + "src=198.18.1.2 dst=198.18.1.1 sport=5005 dport=6000 mark=0 zone=0 use=2"), table());
    }

    @Test
    void snatClashPicksAnotherSourcePort() {
        // two clients use the same source port to the same server, both masqueraded to one address
        int a = track("eth1", tcp("10.0.0.1", "198.18.0.9", 40000, 80, Ipv4Builder.SYN, 1, 0));
        tracker.bindNat(a, true, Addresses.parse("198.18.0.1"), 0);
        tracker.confirm(a);
        int b = track("eth1", tcp("10.0.0.2", "198.18.0.9", 40000, 80, Ipv4Builder.SYN, 1, 0));
        tracker.bindNat(b, true, Addresses.parse("198.18.0.1"), 0);
        tracker.confirm(b);
        assertNotEquals(40000, tracker.replyDestinationPort(b));
        assertEquals(40000, tracker.replyDestinationPort(a));
        // the server's answer to the second one is found through the rewritten reply tuple
        int found = track("eth0", tcp("198.18.0.9", "198.18.0.1", 80, tracker.replyDestinationPort(b),
                Ipv4Builder.SYN | Ipv4Builder.ACK, 9, 2));
        assertEquals(b, found);
        assertTrue(tracker.isReply(b));
    }

    @Test
    void setReplyTupleRehashesAConfirmedEntry() {
        int h = track("eth0", new Ipv4Builder().source("203.0.113.5").destination("198.18.0.1")
                .protocol(Ipv4Builder.UDP).sourcePort(1000).destinationPort(53).payloadLength(4).build());
        tracker.confirm(h);
        tracker.setReplyTuple(h, Addresses.parse("198.18.1.2"), 5353, Addresses.parse("203.0.113.5"), 1000);
        assertTrue(tracker.natted(h));
        int back = track("eth1", new Ipv4Builder().source("198.18.1.2").destination("203.0.113.5")
                .protocol(Ipv4Builder.UDP).sourcePort(5353).destinationPort(1000).payloadLength(4).build());
        assertEquals(h, back);
        assertEquals(ConnState.ESTABLISHED | ConnState.DNAT, view.ctState());
        // the old reply tuple no longer finds it
        int old = track("eth0", new Ipv4Builder().source("198.18.0.1").destination("203.0.113.5")
                .protocol(Ipv4Builder.UDP).sourcePort(53).destinationPort(1000).payloadLength(4).build());
        assertNotEquals(h, old);
        assertEquals(ConnState.NEW, view.ctState());
    }
}
