package org.jptables.kernel.conntrack;

import static org.jptables.kernel.packet.Ipv4Builder.ACK;
import static org.jptables.kernel.packet.Ipv4Builder.PSH;
import static org.jptables.kernel.packet.Ipv4Builder.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jptables.api.Addresses;
import org.jptables.api.ConnState;
import org.jptables.api.ConntrackHelpers;
import org.jptables.api.Effects;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/**
 * nf_nat_ftp with nf_conntrack_seqadj through the tracker: a client behind SNAT to 203.0.113.1
 * (the recorded case helper-ftp-snat has the kernel's own answers). The packet path's address
 * rewriting is not part of this: the tracker's tuples and the helper's rewrite are.
 */
class FtpNatTest {
    private static final String INSIDE = "198.18.1.2";
    private static final String OUTSIDE = "203.0.113.5";
    private static final int PUBLIC = Addresses.parse("203.0.113.1");
    private static final long SEC = 1_000_000_000L;

    private final ConnectionTracker tracker = new ConnectionTracker();
    private final PacketView view = new PacketView();
    private long now = 10 * SEC;

    private static Ipv4Builder tcp(String src, int sport, String dst, int dport, int flags, long seq, long ack) {
        return new Ipv4Builder().source(src).destination(dst).protocol(Ipv4Builder.TCP).sourcePort(sport)
                .destinationPort(dport).tcpFlags(flags).sequence(seq).acknowledgement(ack);
    }

    private int pass(byte[] packet, int helper, boolean snat, boolean local) {
        now += 150_000_000L;
        view.wrap(packet).inInterface("eth1").outInterface("eth0");
        view.template().clear();
        if (helper != ConntrackHelpers.NONE) {
            view.conntrackTemplate(0, 3, helper);
        }
        int h = tracker.track(view, now);
        if (snat && tracker.isNew(h)) {
            tracker.bindNat(h, true, PUBLIC, PUBLIC, 0, 0, Effects.NAT_MAP_IPS);
        }
        assertTrue(tracker.help(h, view, local, false));
        if (!tracker.isReply(h)) {
            tracker.confirm(h);
        }
        return h;
    }

    private int client(int flags, long seq, long ack, String data) {
        return pass(tcp(INSIDE, 40000, OUTSIDE, 21, flags, seq, ack).payload(bytes(data)).build(),
                ConntrackHelpers.FTP, true, false);
    }

    /** The server's packets as they arrive, to the public address (the path de-NATs them later). */
    private int server(int flags, long seq, long ack, String data) {
        return pass(tcp(OUTSIDE, 21, "203.0.113.1", 40000, flags, seq, ack).payload(bytes(data)).build(),
                ConntrackHelpers.NONE, false, false);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private String payload() {
        int l4 = view.headerLength();
        int data = l4 + (view.u8(l4 + 12) >> 4) * 4;
        return new String(Arrays.copyOfRange(view.bytes(), view.offset() + data, view.offset() + view.totalLength()),
                StandardCharsets.ISO_8859_1);
    }

    private void controlUpToPort() {
        client(SYN, 1000, 0, "");
        server(SYN | ACK, 5000, 1001, "");
        client(ACK, 1001, 5001, "");
        server(PSH | ACK, 5001, 1001, "220 jpt\r\n");
        client(PSH | ACK, 1001, 5010, "USER a\r\n");
        client(PSH | ACK, 1009, 5010, "PORT 198,18,1,2,156,65\r\n");
    }

    @Test
    void portIsRewrittenToThePublicAddressWithPartialChecksumAndTheNumbersMove() {
        controlUpToPort();
        assertEquals("PORT 203,0,113,1,156,65\r\n", payload());
        assertEquals(20 + 20 + 25, view.totalLength());
        byte[] b = view.bytes();
        int o = view.offset();
        assertEquals(0xFFFF, Checksums.sum(b, o, 20, 0), "the IP header checksum is right again");
        int tcpLength = 20 + 25;
        int pseudo = Checksums.sum(b, o + 12, 8, 0) + 6 + tcpLength;
        pseudo = (pseudo & 0xFFFF) + (pseudo >>> 16);
        assertEquals(pseudo, view.u16(20 + 16), "leaving by a device: only the pseudo-header's sum (CHECKSUM_PARTIAL)");
        assertEquals(List.of("300 l3proto = 2 proto=6 src=203.0.113.5 dst=203.0.113.1 sport=0 dport=40001 ftp"),
                tracker.expectationLines(now));

        // the server acknowledges one byte more than the client sent: seqadj takes it back
        server(PSH | ACK, 5010, 1034, "200 ok\r\n");
        assertEquals(1033, view.u32(20 + 8));
        assertEquals(0xFFFF, Checksums.sum(view.bytes(), view.offset() + 20, view.totalLength() - 20,
                Checksums.sum(view.bytes(), view.offset() + 12, 8, 0) + 6 + view.totalLength() - 20),
                "an adjusted full checksum stays right");
        // the client's later numbers move on by one, earlier ones (a resend) too: one offset before
        client(PSH | ACK, 1033, 5018, "PASV\r\n");
        assertEquals(1034, view.u32(20 + 4));
        client(PSH | ACK, 1001, 5018, "USER a\r\n");
        assertEquals(1001, view.u32(20 + 4), "before the correction: the offset before it");
    }

    @Test
    void theDataConnectionFollowsTheMastersNatBackToTheClient() {
        controlUpToPort();
        int data = pass(tcp(OUTSIDE, 20, "203.0.113.1", 40001, SYN, 9000, 0).build(), ConntrackHelpers.NONE, false,
                false);
        assertEquals(ConnState.RELATED | ConnState.DNAT, view.ctState());
        int[] reply = new int[4];
        tracker.tuple(data, true, reply);
        assertEquals(List.of(INSIDE, OUTSIDE, 40001, 20), List.of(Addresses.format(reply[0]),
                Addresses.format(reply[1]), reply[2], reply[3]));
        assertTrue(tracker.natDone(data, true) && tracker.natDone(data, false), "no nat rule sees it");
    }

    @Test
    void aRewriteDeliveredToTheHostGetsAFullChecksum() {
        client(SYN, 1000, 0, "");
        server(SYN | ACK, 5000, 1001, "");
        client(ACK, 1001, 5001, "");
        client(PSH | ACK, 1001, 5001, "USER a\r\n");
        pass(tcp(INSIDE, 40000, OUTSIDE, 21, PSH | ACK, 1009, 5001).payload(bytes("EPRT |1|198.18.1.2|40004|\r\n"))
                .build(), ConntrackHelpers.FTP, false, true);
        assertEquals("EPRT |1|203.0.113.1|40004|\r\n", payload());
        int tcpLength = view.totalLength() - 20;
        assertEquals(0xFFFF, Checksums.sum(view.bytes(), view.offset() + 20, tcpLength,
                Checksums.sum(view.bytes(), view.offset() + 12, 8, 0) + 6 + tcpLength));
    }
}
