package org.jptables.kernel.conntrack;

import static org.jptables.kernel.packet.Ipv4Builder.ACK;
import static org.jptables.kernel.packet.Ipv4Builder.RST;
import static org.jptables.kernel.packet.Ipv4Builder.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/** nf_conntrack_acct: which entries are counted, what each packet adds, and how /proc shows it. */
class ConntrackAccountingTest {
    private static final long SEC = 1_000_000_000L;

    private final ConnectionTracker tracker = new ConnectionTracker();
    private final PacketView view = new PacketView();
    private long now = 1_000 * SEC;

    private static byte[] tcp(boolean fromClient, int flags, long seq, long ack, int payload) {
        Ipv4Builder b = new Ipv4Builder().protocol(Ipv4Builder.TCP).tcpFlags(flags).sequence(seq)
                .acknowledgement(ack).payloadLength(payload);
        return fromClient ? b.source("198.18.0.2").destination("198.18.0.1").sourcePort(40000).destinationPort(22).build()
                : b.source("198.18.0.1").destination("198.18.0.2").sourcePort(22).destinationPort(40000).build();
    }

    private int pass(byte[] packet, String dev) {
        now += 150_000_000L;
        view.wrap(packet).inInterface(dev);
        int h = tracker.track(view, now);
        if (h >= 0) {
            tracker.confirm(h);
        }
        return h;
    }

    @Test
    void withoutAccountingNothingIsCountedOrShown() {
        int h = pass(tcp(true, SYN, 100, 0, 0), "eth0");
        assertEquals(-1, tracker.connectionPackets(h, 0));
        assertEquals(-1, view.ctPackets(0));
        assertTrue(!tracker.procLines(now).get(0).contains("packets="));
    }

    @Test
    void theFirstPacketIsCountedBeforeTheRulesSeeIt() {
        tracker.enableAccounting();
        int h = pass(tcp(true, SYN, 100, 0, 0), "eth0");
        assertEquals(1, view.ctPackets(0));
        assertEquals(40, view.ctBytes(0));
        assertEquals(0, view.ctPackets(1));
        pass(tcp(false, SYN | ACK, 500, 101, 0), "");
        pass(tcp(true, ACK, 101, 501, 10), "eth0");
        assertEquals(2, tracker.connectionPackets(h, 0));
        assertEquals(90, tracker.connectionBytes(h, 0));
        assertEquals(1, tracker.connectionPackets(h, 1));
        assertEquals(40, tracker.connectionBytes(h, 1));
        String line = tracker.procLines(now).get(0);
        // seq_print_acct: after each direction's tuple (and its zone), before [UNREPLIED] and [ASSURED]
        assertTrue(line.contains(" sport=40000 dport=22 packets=2 bytes=90 src=198.18.0.1"), line);
        assertTrue(line.contains(" sport=22 dport=40000 packets=1 bytes=40 [ASSURED] "), line);
    }

    @Test
    void onlyConnectionsMadeAfterItWasTurnedOnAreCounted() {
        int before = pass(tcp(true, SYN, 100, 0, 0), "eth0");
        tracker.enableAccounting();
        pass(tcp(false, SYN | ACK, 500, 101, 0), "");
        assertEquals(-1, tracker.connectionPackets(before, 0));
    }

    @Test
    void aRetransmittedSynIsNotCountedButARstAnsweringItIs() {
        tracker.enableAccounting();
        int h = pass(tcp(true, SYN, 100, 0, 0), "eth0");
        pass(tcp(true, SYN, 100, 0, 0), "eth0");
        assertEquals(1, view.ctPackets(0), "nf_conntrack_tcp_packet returns before nf_ct_refresh_acct");
        pass(tcp(false, RST | ACK, 0, 101, 0), "");
        assertEquals(1, view.ctPackets(1), "nf_ct_kill_acct counts the RST");
        assertEquals(h, view.connection());
    }
}
