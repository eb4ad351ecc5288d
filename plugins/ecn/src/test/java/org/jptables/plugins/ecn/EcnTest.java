package org.jptables.plugins.ecn;

import static org.jptables.testkit.PacketBytes.assertHeaderChecksumRight;
import static org.jptables.testkit.PacketBytes.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** -m ecn (xt_ecn.c) and -j ECN (ipt_ECN.c) on packets. */
class EcnTest {
    private final RuleTester filter = RuleTester.filter();
    private final RuleTester mangle = RuleTester.of("mangle", "POSTROUTING");

    private static PacketView tcp(int tos, int flags) {
        TestPackets t = TestPackets.tcp("10.0.0.1", 1000, "10.0.0.2", 80).flags(flags).length(10);
        t.ipv4().tos(tos);
        return t.view();
    }

    /** The TCP checksum over the pseudo-header and segment, as a receiver verifies it: 0 when right. */
    private static int tcpChecksumResidue(PacketView p) {
        byte[] b = bytes(p);
        int hl = (b[0] & 0xF) * 4;
        int len = b.length - hl;
        long sum = 0;
        for (int i = 12; i < 20; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        sum += 6 + len;
        for (int i = hl; i < b.length; i += 2) {
            int hi = b[i] & 0xFF;
            int lo = i + 1 < b.length ? b[i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    @Test
    void matchesIpCodepointAndTcpFlags() {
        PacketView p = tcp(0x03, TestPackets.ACK | TestPackets.ECE);
        assertTrue(filter.matches("-m ecn --ecn-ip-ect 3", p));
        assertFalse(filter.matches("-m ecn --ecn-ip-ect 2", p));
        assertTrue(filter.matches("-m ecn ! --ecn-ip-ect 2", p));
        assertTrue(filter.matches("-p tcp -m ecn --ecn-tcp-ece", p));
        assertFalse(filter.matches("-p tcp -m ecn --ecn-tcp-cwr", p));
        assertTrue(filter.matches("-p tcp -m ecn ! --ecn-tcp-cwr --ecn-tcp-ece --ecn-ip-ect 3", p));
        // a TCP header cut short: no match, not dropped
        PacketView cut = TestPackets.tcp("10.0.0.1", 1000, "10.0.0.2", 80).truncated(30);
        assertFalse(filter.matches("-p tcp -m ecn ! --ecn-tcp-cwr", cut));
        assertFalse(cut.hotdropped());
    }

    @Test
    void targetRemovesTcpEcnBitsWithRightChecksums() {
        PacketView p = tcp(0x02, TestPackets.SYN | TestPackets.ECE | TestPackets.CWR);
        assertEquals(0, tcpChecksumResidue(p));
        assertEquals("ACCEPT", mangle.verdictName("-p tcp -j ECN --ecn-tcp-remove", p));
        assertEquals(TestPackets.SYN, p.u8(33));
        assertEquals(0, tcpChecksumResidue(p));
        assertHeaderChecksumRight(p);
        assertEquals(0x02, p.tos());
    }

    @Test
    void targetSetsTheCodepointWithARightHeaderChecksum() {
        PacketView p = tcp(0xB8, TestPackets.ACK);
        mangle.verdictName("-j ECN --ecn-ip-ect 1", p);
        assertEquals(0xB9, p.tos());
        assertHeaderChecksumRight(p);
        // already as asked: the bytes stay
        PacketView q = tcp(0xB9, TestPackets.ACK);
        byte[] before = bytes(q);
        mangle.verdictName("-p tcp -j ECN --ecn-ip-ect 1 --ecn-tcp-cwr 0", q);
        assertArrayEquals(before, bytes(q));
    }

    @Test
    void targetSetsFlagsOneByOne() {
        PacketView p = tcp(0, TestPackets.ACK);
        mangle.verdictName("-p tcp -j ECN --ecn-tcp-cwr 1", p);
        assertEquals(TestPackets.ACK | TestPackets.CWR, p.u8(33));
        assertEquals(0, tcpChecksumResidue(p));
        // a TCP header cut short is dropped
        PacketView cut = TestPackets.tcp("10.0.0.1", 1000, "10.0.0.2", 80).truncated(30);
        assertEquals("DROP", mangle.verdictName("-p tcp -j ECN --ecn-tcp-cwr 1", cut));
    }

    @Test
    void helpTextsAreIptables() throws Exception {
        try (InputStream in = EcnTest.class.getResourceAsStream("/help-ecn.txt");
             InputStream in2 = EcnTest.class.getResourceAsStream("/help-ECN.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new EcnExtension().help());
            assertEquals(new String(in2.readAllBytes(), StandardCharsets.UTF_8), new EcnTargetExtension().help());
        }
    }
}
