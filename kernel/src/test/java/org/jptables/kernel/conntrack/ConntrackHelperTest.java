package org.jptables.kernel.conntrack;

import static org.jptables.kernel.packet.Ipv4Builder.ACK;
import static org.jptables.kernel.packet.Ipv4Builder.PSH;
import static org.jptables.kernel.packet.Ipv4Builder.RST;
import static org.jptables.kernel.packet.Ipv4Builder.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jptables.api.ConnState;
import org.jptables.api.ConntrackHelpers;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ftp and tftp helpers with the expectation table, through the tracker as the packet path
 * drives it: track at the first hook (with the CT template the raw table left), then the helper
 * and the confirmation at the last. The lifetimes and limits are nf_conntrack_expect's and the
 * helpers' policies (one expectation per master, five minutes).
 */
class ConntrackHelperTest {
    private static final String CLIENT = "198.18.0.2";
    private static final String SERVER = "198.18.1.2";
    private static final long SEC = 1_000_000_000L;

    private final ConnectionTracker tracker = new ConnectionTracker();
    private final PacketView view = new PacketView();
    private final List<String> log = new ArrayList<>();
    private long now = 1_000 * SEC;
    /** Each side's next sequence number on the control connection. */
    private long clientSeq = 1000;
    private long serverSeq = 5000;

    @BeforeEach
    void logs() {
        view.effects(new PacketEffects() {
            @Override
            public void reject(PacketView packet, int icmpCode) {
            }

            @Override
            public void log(PacketView packet, int level, String prefix, int flags) {
                log.add(prefix + "IN=" + packet.inInterface() + " OUT=" + packet.outInterface());
            }

            @Override
            public void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort,
                            int flags) {
            }
        });
    }

    private static Ipv4Builder tcp(String src, int sport, String dst, int dport, int flags, long seq, long ack) {
        return new Ipv4Builder().source(src).destination(dst).protocol(Ipv4Builder.TCP).sourcePort(sport)
                .destinationPort(dport).tcpFlags(flags).sequence(seq).acknowledgement(ack);
    }

    private static byte[] udp(String src, int sport, String dst, int dport, String data) {
        return new Ipv4Builder().source(src).destination(dst).protocol(Ipv4Builder.UDP).sourcePort(sport)
                .destinationPort(dport).payload(data.getBytes(StandardCharsets.ISO_8859_1)).build();
    }

    /**
     * A packet through the tracker as the path takes it: the raw table's template ({@code helper},
     * zone {@code zone}), tracking, then the helper and the confirmation. Returns the handle, or
     * -100 when the helper dropped the packet.
     */
    private int pass(byte[] packet, String dev, int helper, int zone) {
        now += 150_000_000L;
        view.wrap(packet).inInterface(dev).outInterface("eth9");
        view.template().clear();
        if (helper != ConntrackHelpers.NONE || zone != 0) {
            view.conntrackTemplate(zone, 3, helper);
        }
        int h = tracker.track(view, now);
        if (h < 0) {
            return h;
        }
        if (!tracker.help(h, view, false, false)) {
            tracker.abort(h);
            return -100;
        }
        if (!tracker.isReply(h)) {
            assertTrue(tracker.confirm(h));
        }
        return h;
    }

    private int pass(byte[] packet, String dev) {
        return pass(packet, dev, ConntrackHelpers.NONE, 0);
    }

    /** The FTP control connection's packets: CT --helper ftp on the client's, none on the server's. */
    private int fromClient(int flags, String data) {
        byte[] p = tcp(CLIENT, 40000, SERVER, 21, flags, clientSeq, serverSeq)
                .payload(data.getBytes(StandardCharsets.ISO_8859_1)).build();
        clientSeq += data.length() + ((flags & SYN) != 0 ? 1 : 0);
        return pass(p, "eth0", ConntrackHelpers.FTP, 0);
    }

    private int fromServer(int flags, String data) {
        byte[] p = tcp(SERVER, 21, CLIENT, 40000, flags, serverSeq, clientSeq)
                .payload(data.getBytes(StandardCharsets.ISO_8859_1)).build();
        serverSeq += data.length() + ((flags & SYN) != 0 ? 1 : 0);
        return pass(p, "eth1");
    }

    /** Handshake and the first line each way (which the helper never reads). */
    private int control() {
        int h = fromClient(SYN, "");
        fromServer(SYN | ACK, "");
        fromClient(ACK, "");
        fromServer(PSH | ACK, "220 ready\r\n");
        fromClient(PSH | ACK, "USER a\r\n");
        assertEquals(ConntrackHelpers.FTP, tracker.helper(h));
        return h;
    }

    /** The server's active-mode data SYN from port 20 to the client's {@code port}. */
    private int activeData(int port) {
        return pass(tcp(SERVER, 20, CLIENT, port, SYN, 9000, 0).build(), "eth1");
    }

    private List<String> expectations() {
        return tracker.expectationLines(now);
    }

    @Test
    void portExpectsTheServersDataConnectionWhichIsRelatedOnce() {
        int master = control();
        tracker.setMark(master, 0x42);
        assertTrue(expectations().isEmpty());
        fromClient(PSH | ACK, "PORT 198,18,0,2,156,65\r\n");
        assertEquals(List.of("300 l3proto = 2 proto=6 src=198.18.1.2 dst=198.18.0.2 sport=0 dport=40001 ftp"),
                expectations());

        int data = activeData(40001);
        assertTrue(data >= 0 && data != master);
        assertEquals(ConnState.RELATED, view.ctState());
        assertEquals(ConnState.STATUS_EXPECTED, view.ctStatus(), "as the rules see it: not confirmed yet");
        assertEquals(ConntrackHelpers.FTP, view.ctMasterHelper());
        assertEquals(0x42, tracker.mark(data), "the expected connection takes its master's mark");
        assertEquals(ConntrackHelpers.NONE, tracker.helper(data), "no helper of its own");
        assertTrue(expectations().isEmpty(), "claimed: gone");

        // its reply, and the control connection itself: not related to a master with a helper
        pass(tcp(CLIENT, 40001, SERVER, 20, SYN | ACK, 7000, 9001).build(), "eth0");
        assertEquals(ConnState.ESTABLISHED, view.ctState());
        assertEquals(ConntrackHelpers.FTP, view.ctMasterHelper());
        fromClient(ACK, "");
        assertEquals(ConntrackHelpers.NONE, view.ctMasterHelper());

        // one reference per expected connection alive
        assertTrue(tracker.procLines(now).stream().anyMatch(l -> l.contains("sport=40000 dport=21 ") && l.endsWith(" use=3")),
                tracker.procLines(now).toString());

        int other = pass(tcp(SERVER, 21000, CLIENT, 40001, SYN, 9600, 0).build(), "eth1");
        assertEquals(ConnState.NEW, view.ctState(), "the expectation was spent");
        assertTrue(other >= 0);
    }

    @Test
    void passiveRepliesExpectTheClientsConnection() {
        control();
        fromClient(PSH | ACK, "PASV\r\n");
        fromServer(PSH | ACK, "227 Entering Passive Mode (198,18,1,2,117,49).\r\n");
        assertEquals(List.of("300 l3proto = 2 proto=6 src=198.18.0.2 dst=198.18.1.2 sport=0 dport=30001 ftp"),
                expectations());
        fromClient(PSH | ACK, "EPSV\r\n");
        fromServer(PSH | ACK, "229 Entering Extended Passive Mode (|||30002|)\r\n");
        assertEquals(List.of("300 l3proto = 2 proto=6 src=198.18.0.2 dst=198.18.1.2 sport=0 dport=30002 ftp"),
                expectations(), "one per master: the newer evicts the older");
        pass(tcp(CLIENT, 40002, SERVER, 30001, SYN, 1, 0).build(), "eth0");
        assertEquals(ConnState.NEW, view.ctState());
        pass(tcp(CLIENT, 40003, SERVER, 30002, SYN, 1, 0).build(), "eth0");
        assertEquals(ConnState.RELATED, view.ctState());
    }

    @Test
    void anExpectationLivesFiveMinutes() {
        control();
        fromClient(PSH | ACK, "PORT 198,18,0,2,156,65\r\n");
        long created = now;
        now = created + 299 * SEC;
        assertEquals(1, expectations().size());
        assertTrue(expectations().get(0).startsWith("1 l3proto"), expectations().toString());
        now = created + 300 * SEC - 150_000_000L;
        activeData(40001); // at exactly 300 s
        assertEquals(ConnState.NEW, view.ctState());
        assertTrue(expectations().isEmpty());
    }

    @Test
    void theSameCommandAgainRenewsTheExpectation() {
        control();
        fromClient(PSH | ACK, "PORT 198,18,0,2,156,65\r\n");
        now += 200 * SEC;
        fromClient(PSH | ACK, "PORT 198,18,0,2,156,65\r\n");
        now += 200 * SEC;
        assertEquals(List.of("100 l3proto = 2 proto=6 src=198.18.1.2 dst=198.18.0.2 sport=0 dport=40001 ftp"),
                expectations());
    }

    @Test
    void aMastersExpectationsDieWithIt() {
        control();
        fromClient(PSH | ACK, "PORT 198,18,0,2,156,65\r\n");
        fromClient(RST, "");
        assertEquals(1, expectations().size(), "a closed connection lives on (CLOSE, 10 s), and so does its expectation");
        // a SYN reopening the same tuple kills the old connection, and its expectation with it
        clientSeq = 70000;
        fromClient(SYN, "");
        assertTrue(expectations().isEmpty());
        activeData(40001);
        assertEquals(ConnState.NEW, view.ctState());
    }

    @Test
    void anExpiredMastersExpectationIsNotClaimed() {
        control();
        fromClient(PSH | ACK, "PORT 198,18,0,2,156,65\r\n");
        fromClient(RST, "");
        now += 11 * SEC; // CLOSE's ten seconds are over
        activeData(40001);
        assertEquals(ConnState.NEW, view.ctState());
        assertTrue(expectations().isEmpty());
    }

    @Test
    void aCommandCutShortIsDroppedAndLoggedItsResendIsRead() {
        control();
        long seq = clientSeq;
        assertEquals(-100, fromClient(PSH | ACK, "PORT 198,18,0,2,156"));
        assertEquals(List.of("nf_ct_ftp: dropping packet: partial matching of `PORT' IN= OUT="), log);
        assertEquals("eth0", view.inInterface(), "the log line is written without devices, the packet keeps them");
        clientSeq = seq;
        assertTrue(fromClient(PSH | ACK, "PORT 198,18,0,2,156,70\r\n") >= 0);
        assertEquals(1, expectations().size());
    }

    @Test
    void onlySegmentsThatStartALineAreRead() {
        control();
        fromClient(PSH | ACK, "NOOP");
        fromClient(PSH | ACK, "PORT 198,18,0,2,156,65\r\n");
        assertTrue(expectations().isEmpty());
        fromClient(PSH | ACK, "PORT 198,18,0,2,156,66\r\n");
        assertEquals(1, expectations().size());
    }

    @Test
    void anotherAddressThanTheSendersIsNotExpected() {
        control();
        fromClient(PSH | ACK, "PORT 198,18,0,2,156,65\r\n");
        fromClient(PSH | ACK, "PORT 10,0,0,1,156,66\r\n");
        assertEquals(List.of("300 l3proto = 2 proto=6 src=198.18.1.2 dst=198.18.0.2 sport=0 dport=40001 ftp"),
                expectations().stream().map(l -> l.replaceFirst("^\\d+", "300")).toList(),
                "nothing expected, nothing evicted");
    }

    @Test
    void tftpExpectsTheTransferFromTheFirstRequestOn() {
        String rrq = "\u0000\u0001file\u0000octet\u0000";
        int master = pass(udp(CLIENT, 40010, SERVER, 69, rrq), "eth0", ConntrackHelpers.TFTP, 0);
        assertEquals(List.of("300 l3proto = 2 proto=17 src=198.18.1.2 dst=198.18.0.2 sport=0 dport=40010 tftp"),
                expectations());
        int data = pass(udp(SERVER, 50000, CLIENT, 40010, "\u0000\u0003\u0000\u0001x"), "eth1");
        assertTrue(data >= 0 && data != master);
        assertEquals(ConnState.RELATED, view.ctState());
        assertEquals(ConntrackHelpers.TFTP, view.ctMasterHelper());
        pass(udp(SERVER, 50001, CLIENT, 40010, "\u0000\u0003\u0000\u0001x"), "eth1");
        assertEquals(ConnState.NEW, view.ctState());
        // neither an error nor a datagram too short for an opcode expects anything
        pass(udp(CLIENT, 40011, SERVER, 69, "\u0000\u0005\u0000\u0001"), "eth0", ConntrackHelpers.TFTP, 0);
        pass(udp(CLIENT, 40012, SERVER, 69, "\u0001"), "eth0", ConntrackHelpers.TFTP, 0);
        assertTrue(expectations().isEmpty());
    }

    @Test
    void aRequestWhosePacketIsDroppedLeavesNoExpectation() {
        now += 1;
        view.wrap(udp(CLIENT, 40010, SERVER, 69, "\u0000\u0001f\u0000octet\u0000")).inInterface("eth0");
        view.template().clear();
        view.conntrackTemplate(0, 3, ConntrackHelpers.TFTP);
        int h = tracker.track(view, now);
        assertTrue(tracker.help(h, view, false, false));
        assertEquals(1, tracker.expectationCount());
        // not confirmed yet: nobody can know of it, so nothing is claimed
        pass(udp(SERVER, 50000, CLIENT, 40010, "x"), "eth1");
        assertEquals(ConnState.NEW, view.ctState());
        assertEquals(1, tracker.expectationCount());
        tracker.abort(h); // the request was dropped after all
        assertEquals(0, tracker.expectationCount());
    }

    @Test
    void anExpectationIsClaimedOnlyInItsMastersZone() {
        String rrq = "\u0000\u0001f\u0000octet\u0000";
        pass(udp(CLIENT, 40010, SERVER, 69, rrq), "eth0", ConntrackHelpers.TFTP, 5);
        pass(udp(SERVER, 50000, CLIENT, 40010, "x"), "eth1");
        assertEquals(ConnState.NEW, view.ctState(), "zone 0");
        pass(udp(SERVER, 50001, CLIENT, 40010, "x"), "eth1", ConntrackHelpers.NONE, 5);
        assertEquals(ConnState.RELATED, view.ctState(), "zone 5");
    }

    @Test
    void aChildsReferenceOnItsMasterEndsWithTheChild() {
        String rrq = "\u0000\u0001f\u0000octet\u0000";
        pass(udp(CLIENT, 40010, SERVER, 69, rrq), "eth0", ConntrackHelpers.TFTP, 0);
        pass(udp(SERVER, 50000, CLIENT, 40010, "x"), "eth1");
        assertTrue(tracker.procLines(now).stream().anyMatch(l -> l.contains("dport=69 ") && l.endsWith("use=3")));
        // the transfer's entry (30 s, unreplied) goes, the request's was refreshed later: it stays
        pass(udp(CLIENT, 40010, SERVER, 69, rrq), "eth0", ConntrackHelpers.TFTP, 0);
        now += 29 * SEC + 900_000_000L;
        List<String> lines = tracker.procLines(now);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("use=2"), lines.get(0));
    }

    @Test
    void withoutATemplateNoHelperAndNoExpectation() {
        int h = pass(tcp(CLIENT, 40000, SERVER, 21, SYN, 1, 0).build(), "eth0");
        assertEquals(ConntrackHelpers.NONE, tracker.helper(h));
        assertFalse(view.ctMasterHelper() != ConntrackHelpers.NONE);
    }
}
