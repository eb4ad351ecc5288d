package org.jptables.plugins.tcpmss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jptables.api.Hook;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What TCPMSS and tcpmss do to packets, as xt_TCPMSS.c and xt_tcpmss.c; their help texts. */
class TcpmssTest {
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final byte[] MSS_1460 = {2, 4, 0x05, (byte) 0xB4};

    /** An IPv4 TCP packet 198.18.0.2:40000 -> 198.18.1.2:80 with these options and payload, checksums right. */
    static byte[] tcp(int flags, byte[] options, int payload) {
        int tcpLength = 20 + options.length + payload;
        byte[] b = new byte[20 + tcpLength];
        b[0] = 0x45;
        put16(b, 2, b.length);
        b[8] = 64;
        b[9] = 6;
        put32(b, 12, 0xC6120002);
        put32(b, 16, 0xC6120102);
        put16(b, 10, Checksums.finish(Checksums.sum(b, 0, 20, 0)));
        put16(b, 20, 40000);
        put16(b, 22, 80);
        put32(b, 24, 1000);
        b[32] = (byte) (((20 + options.length) / 4) << 4);
        b[33] = (byte) flags;
        put16(b, 34, 64240);
        System.arraycopy(options, 0, b, 40, options.length);
        for (int i = 0; i < payload; i++) {
            b[40 + options.length + i] = (byte) i;
        }
        put16(b, 36, tcpChecksum(b));
        return b;
    }

    /** The TCP checksum the packet should carry (field taken as zero). */
    static int tcpChecksum(byte[] b) {
        int ihl = (b[0] & 0x0F) * 4;
        int total = get16(b, 2);
        byte[] copy = Arrays.copyOf(b, total);
        copy[ihl + 16] = 0;
        copy[ihl + 17] = 0;
        int sum = Checksums.sum(copy, 12, 8, 0);
        sum = Checksums.sum(new byte[] {0, 6, (byte) ((total - ihl) >>> 8), (byte) (total - ihl)}, 0, 4, sum);
        return Checksums.finish(Checksums.sum(copy, ihl, total - ihl, sum));
    }

    static void assertChecksumsRight(PacketView p) {
        byte[] b = Arrays.copyOfRange(p.bytes(), p.offset(), p.offset() + p.length());
        assertEquals(b.length, get16(b, 2), "total length");
        assertEquals(0xFFFF, Checksums.sum(b, 0, 20, 0), "IP header checksum");
        assertEquals(tcpChecksum(b), get16(b, 36), "TCP checksum");
    }

    private static PacketView forwarded(byte[] packet) {
        return new PacketView().wrap(packet).inInterface("eth0").outInterface("eth1").hook(Hook.FORWARD);
    }

    private static RuleTester mangleForward() {
        return RuleTester.of("mangle", "FORWARD");
    }

    private static final String SET_1200 = "-p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1200";

    @Test
    void lowersTheMssOfASyn() {
        PacketView p = forwarded(tcp(SYN, MSS_1460, 0));
        assertEquals("ACCEPT", mangleForward().verdictName(SET_1200, p));
        assertEquals(1200, p.u16(42));
        assertEquals(44, p.length());
        assertChecksumsRight(p);
    }

    @Test
    void neverRaisesTheMss() {
        byte[] small = {2, 4, 0x03, (byte) 0xE8};
        byte[] packet = tcp(SYN, small, 0);
        byte[] before = packet.clone();
        PacketView p = forwarded(packet);
        mangleForward().verdictName(SET_1200, p);
        assertArrayEquals(before, Arrays.copyOf(p.bytes(), p.length()));
    }

    @Test
    void findsTheMssAfterOtherOptions() {
        byte[] options = {1, 1, 4, 2, 2, 4, 0x05, (byte) 0xB4, 1, 3, 3, 7};
        PacketView p = forwarded(tcp(SYN, options, 0));
        mangleForward().verdictName(SET_1200, p);
        assertEquals(1200, p.u16(46));
        assertChecksumsRight(p);
    }

    @Test
    void addsAnMssOptionOf536AtMostToASynWithoutOne() {
        PacketView p = forwarded(tcp(SYN, new byte[] {4, 2, 1, 1}, 0));
        assertEquals("ACCEPT", mangleForward().verdictName(SET_1200, p));
        assertEquals(48, p.length());
        assertEquals(48, p.totalLength());
        assertEquals(7, p.u8(32) >>> 4);
        assertEquals(List.of(2, 4, 536, 4, 2, 1, 1), List.of(p.u8(40), p.u8(41), p.u16(42), p.u8(44), p.u8(45),
                p.u8(46), p.u8(47)));
        assertChecksumsRight(p);

        PacketView small = forwarded(tcp(SYN, new byte[0], 0));
        mangleForward().verdictName("-p tcp --syn -j TCPMSS --set-mss 500", small);
        assertEquals(44, small.length());
        assertEquals(500, small.u16(42));
        assertChecksumsRight(small);
    }

    @Test
    void addsNothingWhenDataFollowsOrTheHeaderIsFull() {
        byte[] withData = tcp(SYN, new byte[0], 10);
        PacketView p = forwarded(withData.clone());
        mangleForward().verdictName(SET_1200, p);
        assertArrayEquals(withData, Arrays.copyOf(p.bytes(), p.length()));

        byte[] nops = new byte[40];
        Arrays.fill(nops, (byte) 1);
        byte[] full = tcp(SYN, nops, 0);
        PacketView q = forwarded(full.clone());
        mangleForward().verdictName(SET_1200, q);
        assertArrayEquals(full, Arrays.copyOf(q.bytes(), q.length()));
    }

    @Test
    void dropsATruncatedOrMalformedHeader() {
        byte[] packet = tcp(SYN, MSS_1460, 0);
        PacketView cut = new PacketView().wrap(packet, 0, 30).hook(Hook.FORWARD);
        assertEquals("DROP", mangleForward().verdictName(SET_1200, cut));
        byte[] badOffset = tcp(SYN, MSS_1460, 0);
        badOffset[32] = 0x40;
        assertEquals("DROP", mangleForward().verdictName(SET_1200, forwarded(badOffset)));
    }

    @Test
    void leavesFragmentsAlone() {
        byte[] packet = tcp(SYN, MSS_1460, 0);
        put16(packet, 6, 0x0010);
        PacketView p = forwarded(packet);
        assertEquals("ACCEPT", mangleForward().verdictName(SET_1200, p));
        assertEquals(1460, p.u16(42));
    }

    @Test
    void clampsToTheRouteMtuMinus40() {
        PacketView p = forwarded(tcp(SYN | ACK, new byte[] {2, 4, (byte) 0xFF, (byte) 0xFF}, 0));
        mangleForward().verdictName("-p tcp --tcp-flags SYN SYN -j TCPMSS --clamp-mss-to-pmtu", p);
        assertEquals(1460, p.u16(42));
        assertChecksumsRight(p);
    }

    @Test
    void theTcpmssMatchReadsTheFirstMssOption() {
        RuleTester t = RuleTester.of("filter", "INPUT");
        assertTrue(t.matches("-p tcp -m tcpmss --mss 1000:1500", forwarded(tcp(SYN, MSS_1460, 0))));
        assertFalse(t.matches("-p tcp -m tcpmss --mss 1000:1400", forwarded(tcp(SYN, MSS_1460, 0))));
        assertTrue(t.matches("-p tcp -m tcpmss ! --mss 1000:1400", forwarded(tcp(SYN, MSS_1460, 0))));
        assertTrue(t.matches("-p tcp -m tcpmss --mss 1460",
                forwarded(tcp(SYN, new byte[] {1, 1, 1, 0, 2, 4, 0x05, (byte) 0xB4}, 0))));
        // no MSS option: only the inverted rule matches
        assertFalse(t.matches("-p tcp -m tcpmss --mss 0:65535", forwarded(tcp(SYN, new byte[0], 0))));
        assertTrue(t.matches("-p tcp -m tcpmss ! --mss 0:65535", forwarded(tcp(SYN, new byte[0], 0))));
        assertTrue(t.matches("-p tcp -m tcpmss ! --mss 0:65535", forwarded(tcp(SYN, new byte[] {1, 1, 4, 2}, 0))));
        // an MSS option cut by the end of the options is not one
        assertFalse(t.matches("-p tcp -m tcpmss --mss 0:65535", forwarded(tcp(SYN, new byte[] {1, 1, 2, 4}, 0))));
    }

    @Test
    void theTcpmssMatchHotdropsATruncatedHeader() {
        RuleTester t = RuleTester.of("filter", "INPUT");
        byte[] packet = tcp(SYN, MSS_1460, 0);
        PacketView cut = new PacketView().wrap(packet, 0, 42).hook(Hook.INPUT);
        assertEquals("DROP", t.verdictName("-p tcp -m tcpmss ! --mss 5", cut));
        byte[] bad = tcp(SYN, MSS_1460, 0);
        bad[32] = 0x30;
        assertEquals("DROP", t.verdictName("-p tcp -m tcpmss ! --mss 5", forwarded(bad)));
    }

    @Test
    void theSynMatchIsReadFromTheTcpMatch() {
        assertTrue(TcpmssTargetBuilder.hasSynMatch(List.of("-m tcp --tcp-flags FIN,SYN,RST,ACK SYN")));
        assertTrue(TcpmssTargetBuilder.hasSynMatch(List.of("-m tcp --dport 22", "-m tcp --tcp-flags SYN,ACK SYN,ACK")));
        assertFalse(TcpmssTargetBuilder.hasSynMatch(List.of("-m tcp ! --tcp-flags SYN,RST SYN")));
        assertFalse(TcpmssTargetBuilder.hasSynMatch(List.of("-m tcp --tcp-flags SYN NONE")));
        assertFalse(TcpmssTargetBuilder.hasSynMatch(List.of("-m tcpmss --mss 5", "-m comment --comment \"-m tcp --tcp-flags SYN SYN\"")));
    }

    @Test
    void helpTextsAreIptables() throws Exception {
        assertEquals(resource("/help-TCPMSS.txt"), new TcpmssTargetExtension().help());
        assertEquals(resource("/help-tcpmss.txt"), new TcpmssMatchExtension().help());
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = TcpmssTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int get16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v >>> 16);
        put16(b, at + 2, v);
    }
}
