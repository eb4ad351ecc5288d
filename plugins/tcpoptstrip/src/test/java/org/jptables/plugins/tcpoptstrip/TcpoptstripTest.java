package org.jptables.plugins.tcpoptstrip;

import static org.jptables.testkit.PacketBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** What -j TCPOPTSTRIP does to packets (xt_TCPOPTSTRIP.c's tcpoptstrip_mangle_packet). */
class TcpoptstripTest {
    private final RuleTester mangle = RuleTester.of("mangle", "PREROUTING");

    /** MSS 1460, SACK permitted, timestamps, NOP, window scale 7: 20 bytes of options. */
    private static final byte[] OPTIONS = {2, 4, 0x05, (byte) 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7};

    private static PacketView syn() {
        TestPackets t = TestPackets.tcp("10.0.0.1", 40000, "10.0.0.2", 80).flags(TestPackets.SYN);
        t.ipv4().tcpOptions(OPTIONS);
        return t.view();
    }

    /** The TCP checksum over the pseudo-header and segment: 0 when right. */
    private static int residue(PacketView p) {
        byte[] b = bytes(p);
        int hl = (b[0] & 0xF) * 4;
        long sum = 6 + (b.length - hl);
        for (int i = 12; i < 20; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        for (int i = hl; i < b.length; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (i + 1 < b.length ? b[i + 1] & 0xFF : 0);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static byte[] optionsOf(PacketView p) {
        return Arrays.copyOfRange(bytes(p), 40, 60);
    }

    @Test
    void stripsTheKindsAskedWithARightChecksum() {
        PacketView p = syn();
        assertEquals(0, residue(p));
        assertEquals("ACCEPT", mangle.verdictName("-p tcp -j TCPOPTSTRIP --strip-options timestamp,mss", p));
        byte[] expected = OPTIONS.clone();
        Arrays.fill(expected, 0, 4, (byte) 1);
        Arrays.fill(expected, 6, 16, (byte) 1);
        assertArrayEquals(expected, optionsOf(p));
        assertEquals(0, residue(p));
    }

    /**
     * The same strip as Linux 6.18 did to its own SYN (MSS, SACK permitted, timestamps, NOP,
     * window scale), seen on the other end of a veth pair: 020405b4 0101 080a... 01 010101.
     */
    @Test
    void oddOffsetsAndTheLastOption() {
        PacketView p = syn();
        // window scale sits at odd offset 37 of the TCP header... 17 of the options
        mangle.verdictName("-p tcp -j TCPOPTSTRIP --strip-options wscale,sack-permitted", p);
        byte[] expected = OPTIONS.clone();
        Arrays.fill(expected, 4, 6, (byte) 1);
        Arrays.fill(expected, 17, 20, (byte) 1);
        assertArrayEquals(expected, optionsOf(p));
        assertEquals(0, residue(p));
    }

    @Test
    void nothingToStripLeavesThePacket() {
        PacketView p = syn();
        byte[] before = bytes(p);
        mangle.verdictName("-p tcp -j TCPOPTSTRIP --strip-options md5", p);
        assertArrayEquals(before, bytes(p));
        mangle.verdictName("-p tcp -j TCPOPTSTRIP", p);
        assertArrayEquals(before, bytes(p));
    }

    @Test
    void badHeadersAreDropped() {
        PacketView p = syn();
        // the options cut: the header is longer than the packet
        PacketView cut = new PacketView().wrap(Arrays.copyOf(bytes(p), 50));
        assertEquals("DROP", mangle.verdictName("-p tcp -j TCPOPTSTRIP --strip-options mss", cut));
        byte[] small = bytes(p);
        small[32] = 0x40;
        assertEquals("DROP", mangle.verdictName("-p tcp -j TCPOPTSTRIP --strip-options mss", new PacketView().wrap(small)));
        // a later fragment is left alone
        byte[] fragment = bytes(syn());
        fragment[7] = 5;
        PacketView f = new PacketView().wrap(fragment);
        assertEquals("ACCEPT", mangle.verdictName("-p tcp -j TCPOPTSTRIP --strip-options mss", f));
        assertArrayEquals(fragment, bytes(f));
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = TcpoptstripTest.class.getResourceAsStream("/help-TCPOPTSTRIP.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TcpoptstripExtension().help());
        }
    }
}
