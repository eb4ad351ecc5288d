package org.jptables.plugins.synproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.StateScope;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What SYNPROXY does to a client's SYN and ACK (ipt_SYNPROXY.c, nf_synproxy_core.c), and its help. */
class SynproxyTest {
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int FIN = 0x01;
    private static final int RST = 0x04;
    private static final int ECE = 0x40;
    private static final int CWR = 0x80;
    private static final int CLIENT = 0xC6120002;
    private static final int SERVER = 0xC6120102;
    private static final int ISN = 0x11223344;
    private static final long NOW = 5 * 60_000_000_000L + 123_456_789L;
    private static final byte[] MSS_1460 = {2, 4, 0x05, (byte) 0xB4};
    private static final String RULE = "-p tcp -j SYNPROXY --sack-perm --timestamp --wscale 7 --mss 1460";

    /** A TCP packet CLIENT:40000 -> SERVER:80 with these flags, numbers and options, checksums right. */
    static byte[] tcp(int flags, int seq, int ack, byte[] options) {
        int tcpLength = 20 + options.length;
        byte[] b = new byte[20 + tcpLength];
        b[0] = 0x45;
        put16(b, 2, b.length);
        b[8] = 64;
        b[9] = 6;
        put32(b, 12, CLIENT);
        put32(b, 16, SERVER);
        put16(b, 10, Checksums.finish(Checksums.sum(b, 0, 20, 0)));
        put16(b, 20, 40000);
        put16(b, 22, 80);
        put32(b, 24, seq);
        put32(b, 28, ack);
        b[32] = (byte) ((tcpLength / 4) << 4);
        b[33] = (byte) flags;
        put16(b, 34, 64240);
        System.arraycopy(options, 0, b, 40, options.length);
        put16(b, 36, tcpChecksum(b, b.length));
        return b;
    }

    private static int tcpChecksum(byte[] b, int total) {
        byte[] copy = Arrays.copyOf(b, total);
        copy[36] = 0;
        copy[37] = 0;
        int sum = Checksums.sum(copy, 12, 8, 0);
        sum = Checksums.sum(new byte[] {0, 6, (byte) ((total - 20) >>> 8), (byte) (total - 20)}, 0, 4, sum);
        return Checksums.finish(Checksums.sum(copy, 20, total - 20, sum));
    }

    private static byte[] timestamps(int tsval, int tsecr) {
        byte[] o = {1, 1, 8, 10, 0, 0, 0, 0, 0, 0, 0, 0};
        put32(o, 4, tsval);
        put32(o, 8, tsecr);
        return o;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static PacketView arriving(byte[] packet) {
        PacketView p = new PacketView().wrap(packet).inInterface("eth0").outInterface("").hook(Hook.INPUT);
        p.timeNanos(NOW);
        p.clearRequests();
        return p;
    }

    /** The packet the host was asked to send last, checked for a right IPv4 header and a partial TCP checksum. */
    private static byte[] sent(PacketView p) {
        byte[] b = p.hostPacketBuffer();
        int total = get16(b, 2);
        byte[] s = Arrays.copyOf(b, total);
        assertEquals(0xFFFF, Checksums.sum(s, 0, 20, 0), "IP header checksum");
        assertEquals(List.of(0x45, 0, 0, 0x40, 64, 6), List.of(s[0] & 0xFF, s[1] & 0xFF, get16(s, 4), s[6] & 0xFF,
                s[8] & 0xFF, s[9] & 0xFF), "version, TOS, ID, DF, TTL, protocol");
        int pseudo = Checksums.sum(s, 12, 8, 0);
        pseudo = Checksums.sum(new byte[] {0, 6, (byte) ((total - 20) >>> 8), (byte) (total - 20)}, 0, 4, pseudo);
        assertEquals(pseudo, get16(s, 36), "the TCP checksum is left partial, as CHECKSUM_PARTIAL");
        return s;
    }

    private static int cookie(int mss) {
        return SynCookies.DEFAULT.make(CLIENT, SERVER, 40000, 80, ISN, mss, SynCookies.minute(NOW));
    }

    @Test
    void answersASynWithACookieAndConsumesIt() {
        PacketView p = arriving(tcp(SYN, ISN, 0, MSS_1460));
        assertEquals("DROP", RuleTester.filter().verdictName("-p tcp -j SYNPROXY --mss 1460", p));
        assertEquals(1, p.sentFromHost());
        byte[] s = sent(p);
        assertEquals(List.of(SERVER, CLIENT, 80, 40000), List.of(get32(s, 12), get32(s, 16), get16(s, 20), get16(s, 22)));
        assertEquals(cookie(1460), get32(s, 24));
        assertEquals(ISN + 1, get32(s, 28));
        assertEquals(SYN | ACK, s[33] & 0xFF);
        assertEquals(0, get16(s, 34), "window");
        // without --timestamp, only the MSS option: the rule's --mss
        assertEquals(44, s.length);
        assertEquals(List.of(2, 4, 1460), List.of(s[40] & 0xFF, s[41] & 0xFF, get16(s, 42)));
    }

    @Test
    void keepsTheOptionsTheCookieCannotHoldInTheTimestamp() {
        byte[] options = concat(MSS_1460, new byte[] {1, 3, 3, 9, 4, 2}, timestamps(777, 0), new byte[] {0, 0});
        PacketView p = arriving(tcp(SYN | ECE | CWR, ISN, 0, options));
        assertEquals("DROP", RuleTester.filter().verdictName(RULE + " --ecn", p));
        byte[] s = sent(p);
        assertEquals(SYN | ACK | ECE, s[33] & 0xFF);
        // MSS, SACK_PERM folded into the timestamp's padding, then the window scale
        assertEquals(60, s.length);
        assertEquals(List.of(2, 4, 1460), List.of(s[40] & 0xFF, s[41] & 0xFF, get16(s, 42)));
        assertEquals(List.of(4, 2, 8, 10), List.of(s[44] & 0xFF, s[45] & 0xFF, s[46] & 0xFF, s[47] & 0xFF));
        int tsval = get32(s, 48);
        long millis = NOW / 1_000_000L;
        assertEquals((int) millis & ~0x3f, tsval & ~0x3f);
        assertEquals(9 | 1 << 4 | 1 << 5, tsval & 0x3f, "the client's window scale, SACK and ECN");
        assertEquals(777, get32(s, 52), "the client's TSval echoed");
        assertEquals(List.of(1, 3, 3, 7), List.of(s[56] & 0xFF, s[57] & 0xFF, s[58] & 0xFF, s[59] & 0xFF),
                "the rule's window scale");
    }

    @Test
    void offersOnlyWhatTheRuleAndTheClientBothHave() {
        // the client asks SACK and window scaling but sends no timestamp: without one, neither is kept
        byte[] options = concat(MSS_1460, new byte[] {1, 3, 3, 9, 4, 2, 0, 0});
        PacketView p = arriving(tcp(SYN, ISN, 0, options));
        RuleTester.filter().verdictName(RULE, p);
        byte[] s = sent(p);
        assertEquals(44, s.length);
        // a rule without --mss offers no MSS, whatever the client's
        PacketView q = arriving(tcp(SYN, ISN, 0, MSS_1460));
        RuleTester.filter().verdictName("-p tcp -j SYNPROXY --sack-perm", q);
        assertEquals(40, sent(q).length);
    }

    @Test
    void opensTheConnectionToTheServerForAValidCookie() {
        int cookie = cookie(1460);
        PacketView p = arriving(tcp(ACK, ISN + 1, cookie + 1, new byte[0]));
        assertEquals("DROP", RuleTester.filter().verdictName(RULE, p));
        assertEquals(1, p.sentFromHost());
        byte[] s = sent(p);
        assertEquals(List.of(CLIENT, SERVER, 40000, 80), List.of(get32(s, 12), get32(s, 16), get16(s, 20), get16(s, 22)));
        assertEquals(ISN, get32(s, 24), "the client's ISN");
        assertEquals(cookie, get32(s, 28), "the cookie, relayed in the acknowledgement field");
        assertEquals(SYN, s[33] & 0xFF);
        assertEquals(64240, get16(s, 34), "the client's window");
        assertEquals(List.of(2, 4, 1460), List.of(s[40] & 0xFF, s[41] & 0xFF, get16(s, 42)));
        assertEquals(44, s.length);
    }

    @Test
    void theTimestampEchoGivesBackTheClientsOptions() {
        int cookie = SynCookies.DEFAULT.make(CLIENT, SERVER, 40000, 80, ISN, 1300, SynCookies.minute(NOW));
        int echoed = 0x1234500 | 5 | 1 << 4 | 1 << 5;
        PacketView p = arriving(tcp(ACK, ISN + 1, cookie + 1, concat(timestamps(778, echoed))));
        RuleTester.filter().verdictName(RULE, p);
        byte[] s = sent(p);
        assertEquals(SYN | ECE | CWR, s[33] & 0xFF);
        assertEquals(List.of(2, 4, 1300), List.of(s[40] & 0xFF, s[41] & 0xFF, get16(s, 42)));
        assertEquals(List.of(4, 2, 8, 10), List.of(s[44] & 0xFF, s[45] & 0xFF, s[46] & 0xFF, s[47] & 0xFF));
        assertEquals(List.of(778, echoed), List.of(get32(s, 48), get32(s, 52)));
        assertEquals(List.of(1, 3, 3, 5), List.of(s[56] & 0xFF, s[57] & 0xFF, s[58] & 0xFF, s[59] & 0xFF));
    }

    @Test
    void dropsAnAckWithoutAValidCookie() {
        int cookie = cookie(1460);
        // the MSS index is the cookie's low bits: 1460's is the last, so one more is no index at all
        // (one less would be 1440's, which the kernel accepts as well); the hash bits, the minute
        for (int ack : new int[] {cookie + 2, cookie ^ 0x10000, cookie + (5 << 24), 12345}) {
            PacketView p = arriving(tcp(ACK, ISN + 1, ack, new byte[0]));
            assertEquals("DROP", RuleTester.filter().verdictName(RULE, p));
            assertEquals(0, p.sentFromHost(), "ack " + ack);
        }
        // another client's ACK cannot use the cookie
        byte[] other = tcp(ACK, ISN + 1, cookie + 1, new byte[0]);
        put32(other, 12, CLIENT + 1);
        put16(other, 10, 0);
        put16(other, 10, Checksums.finish(Checksums.sum(other, 0, 20, 0)));
        put16(other, 36, tcpChecksum(other, other.length));
        PacketView p = arriving(other);
        RuleTester.filter().verdictName(RULE, p);
        assertEquals(0, p.sentFromHost());
    }

    @Test
    void letsOtherSegmentsGoOn() {
        for (int flags : new int[] {SYN | ACK, FIN | ACK, RST, RST | ACK, SYN | FIN, 0}) {
            PacketView p = arriving(tcp(flags, ISN, 0, new byte[0]));
            assertEquals("ACCEPT", RuleTester.filter().verdictName(RULE, p), "flags " + flags);
            assertEquals(0, p.sentFromHost());
        }
    }

    @Test
    void dropsABadChecksumOrCutOptions() {
        byte[] bad = tcp(SYN, ISN, 0, MSS_1460);
        bad[37] ^= 1;
        PacketView p = arriving(bad);
        assertEquals("DROP", RuleTester.filter().verdictName(RULE, p));
        assertEquals(0, p.sentFromHost());
        PacketView cut = arriving(tcp(SYN, ISN, 0, MSS_1460));
        cut.wrap(cut.bytes(), 0, 42);
        assertEquals("DROP", RuleTester.filter().verdictName(RULE, cut));
        assertEquals(0, cut.sentFromHost());
    }

    @Test
    void cookiesCarryTheMssTableEntryAndLiveTwoMinutes() {
        SynCookies c = SynCookies.DEFAULT;
        int[][] cases = {{0, 536}, {535, 536}, {536, 536}, {1299, 536}, {1300, 1300}, {1459, 1440}, {1460, 1460},
                {9000, 1460}};
        for (int[] k : cases) {
            int cookie = c.make(CLIENT, SERVER, 40000, 80, ISN, k[0], 10);
            assertEquals(k[1], c.check(CLIENT, SERVER, 40000, 80, ISN + 1, cookie, 10), "mss " + k[0]);
            assertEquals(k[1], c.check(CLIENT, SERVER, 40000, 80, ISN + 1, cookie, 11), "a minute later");
            assertEquals(0, c.check(CLIENT, SERVER, 40000, 80, ISN + 1, cookie, 12), "two minutes later");
            assertEquals(0, c.check(CLIENT, SERVER, 40000, 80, ISN + 1, cookie, 9), "from the future");
            // the sequence number is added to the cookie as it is: one more moves the MSS index by one
            assertNotEquals(k[1], c.check(CLIENT, SERVER, 40000, 80, ISN + 2, cookie, 10), "another sequence number");
            assertEquals(0, c.check(CLIENT, SERVER, 40001, 80, ISN + 1, cookie, 10), "another port");
        }
        // another secret makes other cookies
        SynCookies other = new SynCookies(1, 2, 3, 4);
        assertNotEquals(c.make(CLIENT, SERVER, 40000, 80, ISN, 1460, 10), other.make(CLIENT, SERVER, 40000, 80, ISN, 1460, 10));
        assertEquals(0, other.check(CLIENT, SERVER, 40000, 80, ISN + 1, c.make(CLIENT, SERVER, 40000, 80, ISN, 1460, 10), 10));
        assertEquals(5, SynCookies.minute(5 * 60_000_000_000L + 59_999_999_999L));
    }

    @Test
    void sipHashAgreesWithTheReferenceVector() {
        // SipHash-2-4, key 00..0f, message 00..0f: the reference implementation's vector 16
        assertEquals(0x3f2acc7f57c29bdbL, SipHash.hash2(0x0706050403020100L, 0x0f0e0d0c0b0a0908L,
                0x0706050403020100L, 0x0f0e0d0c0b0a0908L));
        assertEquals(SipHash.hash2(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, 5, 6),
                SipHash.hash4(0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c, 5, 6));
    }

    @Test
    void readsOptionsAsTheKernelDoes() {
        byte[] options = concat(new byte[] {1, 2, 4, 5, (byte) 0xB4, 3, 3, 20, 4, 2}, timestamps(1, 2), new byte[] {0, 0});
        PacketView p = arriving(tcp(SYN, ISN, 0, options));
        long o = SynproxyOptions.parse(p, 20);
        assertEquals(SynproxyOptions.MSS | SynproxyOptions.WSCALE | SynproxyOptions.SACK_PERM | SynproxyOptions.TIMESTAMP,
                SynproxyOptions.bits(o));
        assertEquals(1460, SynproxyOptions.mss(o));
        assertEquals(14, SynproxyOptions.wscale(o), "at most 14");
        assertEquals(List.of(1L, 2L), List.of(p.u32(SynproxyOptions.timestampAt(o)), p.u32(SynproxyOptions.timestampAt(o) + 4)));
        // a wrong length is skipped, a length past the end ends the walk
        PacketView q = arriving(tcp(SYN, ISN, 0, new byte[] {2, 3, 5, 3, 3, 9, 2, 8}));
        long r = SynproxyOptions.parse(q, 20);
        assertEquals(SynproxyOptions.WSCALE, SynproxyOptions.bits(r));
    }

    @Test
    void declaresItsNeeds() {
        SynproxyTarget t = new SynproxyTarget(new SynproxyInfo(0, 0, 0), SynCookies.DEFAULT);
        assertEquals(StateScope.CONNECTION, t.stateScope());
        assertEquals(true, t.needsConnectionTracking());
    }

    @Test
    void helpIsIptables() throws IOException {
        try (InputStream in = SynproxyTest.class.getResourceAsStream("/help-SYNPROXY.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new SynproxyExtension().help());
        }
    }

    private static int get16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static int get32(byte[] b, int at) {
        return (get16(b, at) << 16) | get16(b, at + 2);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }
}
