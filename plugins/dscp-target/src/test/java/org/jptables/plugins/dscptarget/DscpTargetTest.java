package org.jptables.plugins.dscptarget;

import static org.jptables.testkit.PacketBytes.assertHeaderChecksumRight;
import static org.jptables.testkit.PacketBytes.bytes;
import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** What -j DSCP does to packets (xt_DSCP.c's dscp_tg), its options, listing and help, as iptables 1.8.9. */
class DscpTargetTest {
    private final RuleTester mangle = RuleTester.of("mangle", "FORWARD");

    /** A UDP packet with this TOS byte and a right header checksum. */
    private static PacketView udp(int tos) {
        TestPackets t = TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).length(12);
        t.ipv4().tos(tos).ttl(61).id(0xbeef);
        return t.view();
    }

    /** Applies the rule and checks that only the TOS byte and the checksum changed, the checksum being right. */
    private int tosAfter(String rule, int tos) {
        PacketView p = udp(tos);
        byte[] before = bytes(p);
        assertEquals("ACCEPT", mangle.verdictName(rule, p));
        byte[] after = bytes(p);
        assertHeaderChecksumRight(p);
        for (int i = 0; i < before.length; i++) {
            if (i != 1 && i != 10 && i != 11) {
                assertEquals(before[i], after[i], "byte " + i);
            }
        }
        if (p.tos() == tos) {
            assertArrayEquals(before, after, "a TOS left as it was leaves the packet alone");
        }
        return p.tos();
    }

    @Test
    void setsTheDscpAndKeepsTheEcnBits() {
        assertEquals(0xb8, tosAfter("-j DSCP --set-dscp 46", 0x00));
        assertEquals(0xbb, tosAfter("-j DSCP --set-dscp-class EF", 0x03));
        assertEquals(0x01, tosAfter("-j DSCP --set-dscp 0", 0xfd));
        assertEquals(0xfe, tosAfter("-j DSCP --set-dscp 0x3f", 0x02));
        for (int tos = 0; tos < 256; tos++) {
            for (int dscp : new int[] {0, 1, 0x0a, 0x2e, 0x3f}) {
                assertEquals((dscp << 2) | (tos & 3), tosAfter("-j DSCP --set-dscp " + dscp, tos), "tos " + tos);
            }
        }
    }

    @Test
    void exactBytes() {
        PacketView p = udp(0x11);
        mangle.verdictName("-j DSCP --set-dscp-class AF41", p);
        assertArrayEquals(bytes(udp(0x89)), bytes(p));
    }

    @Test
    void continuesWithTheNextRule() throws Exception {
        var b = new DscpTargetExtension().newBuilder(TestContext.of("mangle", "POSTROUTING"));
        b.option("--set-dscp", List.of("8"), false);
        PacketView p = udp(0);
        assertEquals(Verdict.CONTINUE, b.build().apply(p));
        assertEquals(0x20, p.tos());
        assertHeaderChecksumRight(p);
    }

    @Test
    void dropsAPacketShorterThanAnIpv4Header() {
        assertEquals("DROP", mangle.verdictName("-j DSCP --set-dscp 1",
                TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).truncated(16)));
    }

    @Test
    void savesAndLists() {
        assertEquals("-A FORWARD -j DSCP --set-dscp 0x2e", mangle.saved("-j DSCP --set-dscp 46"));
        assertEquals("-A FORWARD -j DSCP --set-dscp 0x0a", mangle.saved("-j DSCP --set-dscp-class af11"));
        assertEquals("-A FORWARD -j DSCP --set-dscp 0x00", mangle.saved("-j DSCP --set-dscp-class BE"));
        assertTrue(mangle.listed("-j DSCP --set-dscp 7", false).endsWith("anywhere             DSCP set 0x07"));
        assertTrue(mangle.listed("-j DSCP --set-dscp 7", true).endsWith("0.0.0.0/0            DSCP set 0x07"));
    }

    @Test
    void refusesAsIptables() {
        assertEquals("DSCP: bad value for option \"--set-dscp\", or out of range (0-63).",
                mangle.error("-j DSCP --set-dscp 64"));
        assertEquals("Invalid DSCP value `CS8'", mangle.error("-j DSCP --set-dscp-class CS8"));
        assertEquals("DSCP: option \"--set-dscp\" cannot be used together with \"--set-dscp-class\".",
                mangle.error("-j DSCP --set-dscp-class EF --set-dscp 1"));
        assertEquals("DSCP target: Parameter --set-dscp is required", mangle.error("-j DSCP"));
        assertEquals(2, mangle.failure("-j DSCP").status());
    }

    @Test
    void mangleTableOnly() {
        for (String[] place : new String[][] {{"filter", "FORWARD"}, {"nat", "OUTPUT"}, {"raw", "PREROUTING"}}) {
            var f = RuleTester.of(place[0], place[1]).failure("-j DSCP --set-dscp 1");
            assertEquals(1, f.status());
            assertTrue(f.message().contains("Invalid argument. Run `dmesg' for more information."), f.message());
        }
        for (String chain : new String[] {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"}) {
            assertEquals("-A " + chain + " -j DSCP --set-dscp 0x01",
                    RuleTester.of("mangle", chain).saved("-j DSCP --set-dscp 1"));
        }
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = DscpTargetTest.class.getResourceAsStream("/help-DSCP.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new DscpTargetExtension().help());
        }
    }
}
