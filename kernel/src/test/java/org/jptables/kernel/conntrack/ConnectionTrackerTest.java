package org.jptables.kernel.conntrack;

import static org.jptables.kernel.packet.Ipv4Builder.ACK;
import static org.jptables.kernel.packet.Ipv4Builder.FIN;
import static org.jptables.kernel.packet.Ipv4Builder.PSH;
import static org.jptables.kernel.packet.Ipv4Builder.RST;
import static org.jptables.kernel.packet.Ipv4Builder.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jptables.api.Addresses;
import org.jptables.api.ConnState;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.jptables.kernel.path.ConnectionTracking;
import org.junit.jupiter.api.Test;

class ConnectionTrackerTest {
    private static final String CLIENT = "198.18.0.2";
    private static final String SERVER = "198.18.0.1";
    private static final long SEC = 1_000_000_000L;

    private ConnectionTracker tracker = new ConnectionTracker();
    private final PacketView view = new PacketView();
    private long now = 1_000 * SEC;

    private static Ipv4Builder tcp(String src, String dst, int sport, int dport, int flags, long seq, long ack) {
        return new Ipv4Builder().source(src).destination(dst).protocol(Ipv4Builder.TCP).sourcePort(sport)
                .destinationPort(dport).tcpFlags(flags).sequence(seq).acknowledgement(ack);
    }

    private static byte[] c2s(int flags, long seq, long ack) {
        return tcp(CLIENT, SERVER, 40000, 22, flags, seq, ack).build();
    }

    private static byte[] s2c(int flags, long seq, long ack) {
        return tcp(SERVER, CLIENT, 22, 40000, flags, seq, ack).build();
    }

    private static byte[] udp(String src, String dst, int sport, int dport) {
        return new Ipv4Builder().source(src).destination(dst).protocol(Ipv4Builder.UDP).sourcePort(sport)
                .destinationPort(dport).payloadLength(10).build();
    }

    private static byte[] icmp(String src, String dst, int type, int id) {
        return new Ipv4Builder().source(src).destination(dst).protocol(Ipv4Builder.ICMP).icmpType(type).icmpId(id)
                .build();
    }

    /** Tracks a packet arriving on eth0 and confirms it (ACCEPTed by the ruleset). */
    private int in(byte[] packet) {
        return pass("eth0", packet);
    }

    /** Tracks a packet the host sends and confirms it. */
    private int out(byte[] packet) {
        return pass("", packet);
    }

    private int pass(String dev, byte[] packet) {
        now += 150_000_000L;
        view.wrap(packet).inInterface(dev);
        int h = tracker.track(view, now);
        if (h >= 0) {
            tracker.confirm(h);
        }
        return h;
    }

    private List<String> table() {
        return tracker.procLines(now);
    }

    private String only() {
        List<String> t = table();
        assertEquals(1, t.size(), t.toString());
        return t.get(0);
    }

    private int handshake() {
        assertTrue(in(c2s(SYN, 1000, 0)) >= 0);
        assertTrue(out(s2c(SYN | ACK, 5000, 1001)) >= 0);
        return in(c2s(ACK, 1001, 5001));
    }

    @Test
    void handshakeDataFinTeardownToTimeWait() {
        int h = in(c2s(SYN, 1000, 0));
        assertEquals(ConnState.NEW, view.ctState());
        assertEquals(Ipv4Builder.TCP, view.ctProtocol());
        assertEquals(Addresses.parse(CLIENT), view.ctOriginalSource());
        assertEquals(Addresses.parse(SERVER), view.ctReplySource());
        assertEquals("ipv4     2 tcp      6 119 SYN_SENT src=198.18.0.2 dst=198.18.0.1 sport=40000 dport=22 "
                + "[UNREPLIED] src=198.18.0.1 dst=198.18.0.2 sport=22 dport=40000 mark=0 zone=0 use=2",
                tracker.procLines(now + 150_000_000L).get(0));

        assertEquals(h, out(s2c(SYN | ACK, 5000, 1001)));
        assertEquals(ConnState.ESTABLISHED, view.ctState());
        assertTrue(tracker.isReply(h));
        assertTrue(only().contains(" 60 SYN_RECV src=198.18.0.2"), only());
        assertFalse(only().contains("UNREPLIED"));

        assertEquals(h, in(c2s(ACK, 1001, 5001)));
        assertEquals(ConnState.ESTABLISHED, view.ctState());
        assertEquals(ConnState.STATUS_SEEN_REPLY | ConnState.STATUS_ASSURED | ConnState.STATUS_CONFIRMED,
                view.ctStatus());
        assertTrue(only().contains(" 432000 ESTABLISHED "), only());
        assertTrue(only().contains("[ASSURED]"));

        // data not yet acknowledged: the shorter "unacknowledged" timeout
        in(tcp(CLIENT, SERVER, 40000, 22, PSH | ACK, 1001, 5001).payloadLength(100).build());
        assertTrue(only().contains(" 300 ESTABLISHED "), only());
        out(s2c(ACK, 5001, 1101));
        assertTrue(only().contains(" 432000 ESTABLISHED "), only());

        in(c2s(FIN | ACK, 1101, 5001));
        assertTrue(only().contains(" 120 FIN_WAIT "), only());
        out(s2c(ACK, 5001, 1102));
        assertTrue(only().contains(" 60 CLOSE_WAIT "), only());
        out(s2c(FIN | ACK, 5001, 1102));
        assertTrue(only().contains(" 30 LAST_ACK "), only());
        in(c2s(ACK, 1102, 5002));
        assertTrue(only().contains(" 120 TIME_WAIT "), only());
        assertEquals(ConnState.ESTABLISHED, view.ctState());

        // TIME_WAIT expires after 120 s
        assertEquals(1, tracker.procLines(now + 119 * SEC).size());
        assertEquals(0, tracker.procLines(now + 120 * SEC).size());
        assertEquals(0, tracker.count());
    }

    @Test
    void rstClosesAnEstablishedConnection() {
        int h = handshake();
        assertEquals(h, out(s2c(RST, 5001, 0)));
        assertEquals(ConnState.ESTABLISHED, view.ctState());
        assertTrue(only().contains(" 10 CLOSE "), only());
        assertEquals(0, tracker.procLines(now + 10 * SEC).size());
    }

    @Test
    void rstAnsweringASynDeletesTheEntry() {
        in(c2s(SYN, 1000, 0));
        int h = out(s2c(RST | ACK, 0, 1001));
        assertTrue(h >= 0);
        assertEquals(ConnState.ESTABLISHED, view.ctState());
        assertEquals(0, table().size());
        // a new SYN starts afresh
        in(c2s(SYN, 2000, 0));
        assertEquals(ConnState.NEW, view.ctState());
        assertTrue(only().contains("SYN_SENT"));
    }

    @Test
    void outOfWindowRstIsInvalid() {
        handshake();
        assertEquals(ConnectionTracking.INVALID, out(s2c(RST, 100, 0)));
        assertEquals(ConnState.INVALID, view.ctState());
        assertTrue(only().contains("ESTABLISHED"));
    }

    @Test
    void replyBeforeRequestIsInvalid() {
        assertEquals(ConnectionTracking.INVALID, out(s2c(SYN | ACK, 5000, 1001)));
        assertEquals(ConnState.INVALID, view.ctState());
        assertEquals(ConnectionTracking.INVALID, in(c2s(FIN | ACK, 1000, 1)));
        assertEquals(ConnectionTracking.INVALID, in(c2s(RST, 1000, 0)));
        assertEquals(0, tracker.count());
        assertEquals(0, table().size());
    }

    @Test
    void lonelyAckIsPickedUpAsNewWithLooseOn() {
        int h = in(c2s(ACK, 77, 99));
        assertTrue(h >= 0);
        assertEquals(ConnState.NEW, view.ctState());
        assertTrue(only().contains(" 300 ESTABLISHED "), only());
        assertTrue(only().contains("[UNREPLIED]"));
        // the answer: ESTABLISHED, but not yet ASSURED
        assertEquals(h, out(s2c(ACK, 99, 77)));
        assertEquals(ConnState.ESTABLISHED, view.ctState());
        assertFalse(only().contains("ASSURED"));
        // the next packet from the client: ASSURED
        assertEquals(h, in(c2s(ACK, 77, 99)));
        assertTrue(only().contains("[ASSURED]"), only());
    }

    @Test
    void lonelyAckIsInvalidWithLooseOff() {
        tracker = new ConnectionTracker(ConntrackConfig.defaults().withTcpLoose(false));
        assertEquals(ConnectionTracking.INVALID, in(c2s(ACK, 77, 99)));
        assertEquals(ConnState.INVALID, view.ctState());
        assertEquals(0, tracker.count());
    }

    @Test
    void invalidFlagCombinationsAreInvalid() {
        int[] bad = {SYN | FIN, 0, FIN, FIN | PSH | Ipv4Builder.URG, SYN | RST, SYN | ACK | Ipv4Builder.URG};
        for (int flags : bad) {
            assertEquals(ConnectionTracking.INVALID, in(c2s(flags, 1000, 0)), "flags " + flags);
        }
        assertEquals(0, tracker.count());
    }

    @Test
    void clientSynAckAndEarlyAckAreInvalidInSynSent() {
        in(c2s(SYN, 1000, 0));
        assertEquals(ConnectionTracking.INVALID, in(c2s(SYN | ACK, 1000, 1)));
        assertEquals(ConnectionTracking.INVALID, in(c2s(ACK, 1001, 1)));
        assertTrue(only().contains("SYN_SENT"));
    }

    @Test
    void retransmittedSynIsNewAndKeepsTheTimeout() {
        int h = in(c2s(SYN, 1000, 0));
        now += 10 * SEC;
        assertEquals(h, in(c2s(SYN, 1000, 0)));
        assertEquals(ConnState.NEW, view.ctState());
        assertTrue(only().contains(" 109 SYN_SENT "), only());
    }

    @Test
    void synInTimeWaitReopensTheConnection() {
        handshake();
        in(c2s(FIN | ACK, 1001, 5001));
        out(s2c(FIN | ACK, 5001, 1002));
        in(c2s(ACK, 1002, 5002));
        assertTrue(only().contains("TIME_WAIT"));
        int h = in(c2s(SYN, 90000, 0));
        assertTrue(h >= 0);
        assertEquals(ConnState.NEW, view.ctState());
        assertTrue(only().contains(" 120 SYN_SENT "), only());
        assertTrue(only().contains("[UNREPLIED]"));
    }

    @Test
    void dataBeyondTheWindowAndAcksOfUnseenDataAreInvalid() {
        handshake();
        assertEquals(ConnectionTracking.INVALID, in(c2s(ACK, 1001 + 10_000_000, 5001)));
        assertEquals(ConnectionTracking.INVALID, in(c2s(ACK, 1001, 5001 + 10_000_000)));
        assertTrue(in(c2s(ACK, 1001, 5001)) >= 0);
    }

    @Test
    void badChecksumIsInvalidWhenArrivingOnly() {
        byte[] p = c2s(SYN, 1000, 0);
        p[p.length - 4] ^= 0x55; // inside the TCP header (window): the checksum no longer fits
        assertEquals(ConnectionTracking.INVALID, in(p.clone()));
        assertTrue(out(p.clone()) >= 0); // OUTPUT: not verified
        tracker = new ConnectionTracker(ConntrackConfig.defaults().withChecksum(false));
        assertTrue(in(p.clone()) >= 0);
    }

    @Test
    void truncatedHeadersAreInvalid() {
        byte[] full = c2s(SYN, 1000, 0);
        byte[] cut = java.util.Arrays.copyOf(full, 30);
        cut[3] = 30;
        view.wrap(cut).inInterface("");
        assertEquals(ConnectionTracking.INVALID, tracker.track(view, now));
        byte[] u = udp(CLIENT, SERVER, 1, 2);
        byte[] ucut = java.util.Arrays.copyOf(u, 24);
        ucut[3] = 24;
        view.wrap(ucut).inInterface("");
        assertEquals(ConnectionTracking.INVALID, tracker.track(view, now));
        byte[] frag = new Ipv4Builder().source(CLIENT).destination(SERVER).protocol(Ipv4Builder.UDP)
                .fragmentOffset(10).payloadLength(16).build();
        assertEquals(ConnectionTracking.INVALID, in(frag));
    }

    @Test
    void icmpEchoRequestAndReply() {
        int h = in(icmp(CLIENT, SERVER, 8, 7));
        assertEquals(ConnState.NEW, view.ctState());
        assertEquals("ipv4     2 icmp     1 30 src=198.18.0.2 dst=198.18.0.1 type=8 code=0 id=7 [UNREPLIED] "
                + "src=198.18.0.1 dst=198.18.0.2 type=0 code=0 id=7 mark=0 zone=0 use=2", only());
        assertEquals(h, out(icmp(SERVER, CLIENT, 0, 7)));
        assertEquals(ConnState.ESTABLISHED, view.ctState());
        assertEquals("ipv4     2 icmp     1 30 src=198.18.0.2 dst=198.18.0.1 type=8 code=0 id=7 "
                + "src=198.18.0.1 dst=198.18.0.2 type=0 code=0 id=7 mark=0 zone=0 use=2", only());
        assertEquals(0, tracker.procLines(now + 30 * SEC).size());
    }

    @Test
    void icmpReplyWithoutRequestAndUnknownTypesAreInvalid() {
        assertEquals(ConnectionTracking.INVALID, in(icmp(CLIENT, SERVER, 0, 7))); // echo reply
        assertEquals(ConnectionTracking.INVALID, in(icmp(CLIENT, SERVER, 9, 7))); // router advertisement
        assertEquals(ConnectionTracking.INVALID, in(icmp(CLIENT, SERVER, 40, 7))); // beyond NR_ICMP_TYPES
        assertTrue(in(icmp(CLIENT, SERVER, 13, 7)) >= 0); // timestamp request
        assertEquals(1, tracker.count());
    }

    @Test
    void portUnreachableQuotingATrackedUdpFlowIsRelated() {
        byte[] query = udp(CLIENT, "198.18.1.2", 5353, 53);
        int h = in(query);
        byte[] error = new Ipv4Builder().source("198.18.1.2").destination(CLIENT).protocol(Ipv4Builder.ICMP)
                .icmpType(3).icmpCode(3).quote(query).build();
        assertEquals(h, pass("eth1", error));
        assertEquals(ConnState.RELATED, view.ctState());
        assertTrue(tracker.isRelated(h));
        assertTrue(tracker.isReply(h));
        assertTrue(only().contains("[UNREPLIED]")); // an error is not a reply

        // outer destination is not the quoted source: INVALID
        byte[] bogus = new Ipv4Builder().source("198.18.1.2").destination("198.18.0.9").protocol(Ipv4Builder.ICMP)
                .icmpType(3).icmpCode(3).quote(query).build();
        assertEquals(ConnectionTracking.INVALID, pass("eth1", bogus));
        // quoting a flow nobody knows: INVALID
        byte[] other = new Ipv4Builder().source("198.18.1.2").destination(CLIENT).protocol(Ipv4Builder.ICMP)
                .icmpType(11).quote(udp(CLIENT, "198.18.1.2", 5354, 53)).build();
        assertEquals(ConnectionTracking.INVALID, pass("eth1", other));
    }

    @Test
    void icmpErrorQuotingATcpFlowInTheOriginalDirectionIsRelated() {
        int h = in(c2s(SYN, 1000, 0));
        out(s2c(SYN | ACK, 5000, 1001));
        // a router on the way back to the client says time exceeded for the server's packet
        byte[] err = new Ipv4Builder().source("198.18.0.2").destination(SERVER).protocol(Ipv4Builder.ICMP)
                .icmpType(11).quote(s2c(SYN | ACK, 5000, 1001)).build();
        assertEquals(h, in(err));
        assertEquals(ConnState.RELATED, view.ctState());
        assertFalse(tracker.isReply(h));
    }

    @Test
    void udpUnrepliedThenRepliedThenAssured() {
        int h = in(udp(CLIENT, SERVER, 41002, 161));
        assertEquals(ConnState.NEW, view.ctState());
        assertEquals("ipv4     2 udp      17 30 src=198.18.0.2 dst=198.18.0.1 sport=41002 dport=161 [UNREPLIED] "
                + "src=198.18.0.1 dst=198.18.0.2 sport=161 dport=41002 mark=0 zone=0 use=2", only());
        assertEquals(h, out(udp(SERVER, CLIENT, 161, 41002)));
        assertEquals(ConnState.ESTABLISHED, view.ctState());
        assertTrue(only().startsWith("ipv4     2 udp      17 30 "), only());
        assertFalse(only().contains("UNREPLIED"));
        assertFalse(only().contains("ASSURED"));
        // within two seconds of the first packet: still not a stream
        in(udp(CLIENT, SERVER, 41002, 161));
        assertFalse(only().contains("ASSURED"));
        now += 2 * SEC;
        in(udp(CLIENT, SERVER, 41002, 161));
        assertTrue(only().startsWith("ipv4     2 udp      17 120 "), only());
        assertTrue(only().contains("[ASSURED]"));
    }

    @Test
    void expiredEntriesAreGoneAndTheFlowStartsAgain() {
        int h = in(udp(CLIENT, SERVER, 1000, 2000));
        now += 30 * SEC;
        assertEquals(0, table().size());
        int again = in(udp(CLIENT, SERVER, 1000, 2000));
        assertTrue(again >= 0);
        assertEquals(ConnState.NEW, view.ctState());
        assertTrue(h >= 0);
        // the generic tracker: 600 s
        byte[] other = new Ipv4Builder().source(CLIENT).destination(SERVER).protocol(99).payloadLength(4).build();
        in(other);
        assertTrue(table().stream().anyMatch(l -> l.startsWith("ipv4     2 unknown  99 600 src=198.18.0.2 "
                + "dst=198.18.0.1 [UNREPLIED] src=198.18.0.1 dst=198.18.0.2 mark=0")), table().toString());
        // GRE has its own tracker (recorded in conformance/cases/ct-udp-icmp): 30 s until a reply
        byte[] gre = new Ipv4Builder().source(CLIENT).destination(SERVER).protocol(47).payloadLength(4).build();
        in(gre);
        assertTrue(table().stream().anyMatch(l -> l.startsWith("ipv4     2 gre      47 30 timeout=30, "
                + "stream_timeout=180 src=198.18.0.2 dst=198.18.0.1 srckey=0x0 dstkey=0x0 [UNREPLIED] "
                + "src=198.18.0.1 dst=198.18.0.2 srckey=0x0 dstkey=0x0 mark=0")), table().toString());
    }

    @Test
    void fullTableEvictsAnUnassuredEntryElseDrops() {
        tracker = new ConnectionTracker(ConntrackConfig.defaults().withMaxEntries(2));
        assertTrue(in(udp(CLIENT, SERVER, 1, 1)) >= 0);
        assertTrue(in(udp(CLIENT, SERVER, 2, 2)) >= 0);
        assertTrue(in(udp(CLIENT, SERVER, 3, 3)) >= 0); // one unreplied entry evicted
        assertEquals(2, table().size());
        assertEquals(2, tracker.count());

        tracker = new ConnectionTracker(ConntrackConfig.defaults().withMaxEntries(1));
        handshake();
        assertEquals(ConnectionTracker.TABLE_FULL, in(udp(CLIENT, SERVER, 4, 4)));
        assertEquals(1, table().size());
        // an expired entry makes room
        now += 432_001 * SEC;
        assertTrue(in(udp(CLIENT, SERVER, 4, 4)) >= 0);
    }

    @Test
    void abortedEntriesLeaveNoTrace() {
        view.wrap(c2s(SYN, 1000, 0)).inInterface("eth0");
        int h = tracker.track(view, now);
        assertTrue(tracker.isNew(h));
        assertEquals(1, tracker.count());
        assertEquals(0, table().size()); // unconfirmed entries are not listed
        tracker.abort(h);
        assertEquals(0, tracker.count());
        in(c2s(SYN, 1000, 0));
        assertEquals(ConnState.NEW, view.ctState());
        assertFalse(tracker.isNew(tracker.track(view.wrap(c2s(SYN, 1000, 0)).inInterface("eth0"), now)));
    }

    @Test
    void untrackedPacketsAreMarked() {
        view.wrap(c2s(SYN, 1000, 0)).inInterface("eth0");
        tracker.markUntracked(view);
        assertEquals(ConnState.UNTRACKED, view.ctState());
        assertEquals(0, tracker.count());
    }

    @Test
    void rejectRstAttachedToItsCauseIsRelated() {
        view.wrap(c2s(SYN, 1000, 0)).inInterface("eth0");
        int h = tracker.track(view, now);
        PacketView rst = new PacketView().wrap(s2c(RST | ACK, 0, 1001));
        assertEquals(h, tracker.attach(rst, h));
        assertEquals(ConnState.RELATED, rst.ctState());
        // the answer is now the entry's packet: a related packet of the reply direction
        assertTrue(tracker.isReply(h));
        assertTrue(tracker.isRelated(h));
        assertEquals(1, rst.ctDirection());
    }

    @Test
    void thePacketReadsAndWritesItsConnectionsMark() {
        in(udp(CLIENT, SERVER, 41000, 53));
        assertEquals(0, view.connMark());
        view.setConnMark(0xfeedcafe);
        assertEquals(0xfeedcafeL, view.connMark());
        assertTrue(only().contains(" mark=4276996862 "), only());
        // the reply belongs to the same connection: it sees the mark
        in(udp(SERVER, CLIENT, 53, 41000));
        assertEquals(0xfeedcafeL, view.connMark());
        // no connection (INVALID, untracked): -1, and setting does nothing
        view.untrack();
        assertEquals(-1, view.connMark());
        view.setConnMark(1);
        assertEquals(-1, view.connMark());
        assertTrue(only().contains(" mark=4276996862 "), only());
    }
}
