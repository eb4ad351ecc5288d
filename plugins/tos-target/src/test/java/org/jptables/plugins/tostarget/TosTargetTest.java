package org.jptables.plugins.tostarget;

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

/** What -j TOS does to packets (xt_DSCP.c's tos_tg), its options, listing and help, as iptables 1.8.9. */
class TosTargetTest {
    private final RuleTester mangle = RuleTester.of("mangle", "PREROUTING");

    /** A TCP packet with this TOS byte and a right header checksum. */
    private static PacketView tcp(int tos) {
        TestPackets t = TestPackets.tcp("198.18.0.2", 40000, "198.18.1.2", 80).flags(TestPackets.ACK).length(20);
        t.ipv4().tos(tos).ttl(63).id(0x0102).dontFragment(true);
        return t.view();
    }

    /** Applies the rule and checks that only the TOS byte and the checksum changed, the checksum being right. */
    private int tosAfter(String rule, int tos) {
        PacketView p = tcp(tos);
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
    void rewritesAsTheKernel() {
        assertEquals(0x1f, tosAfter("-j TOS --set-tos 0x1f", 0xe3));
        assertEquals(0xd0, tosAfter("-j TOS --set-tos Minimize-Delay", 0xc3));
        assertEquals(0xc0, tosAfter("-j TOS --set-tos Normal-Service", 0xff));
        assertEquals(0x12, tosAfter("-j TOS --and-tos 0x12", 0xff));
        assertEquals(0xf3, tosAfter("-j TOS --or-tos 0x12", 0xe1));
        assertEquals(0xf0, tosAfter("-j TOS --xor-tos 0xff", 0x0f));
        for (int tos = 0; tos < 256; tos++) {
            assertEquals((tos & ~0x1f & 0xff) ^ 0x05, tosAfter("-j TOS --set-tos 0x05/0x1f", tos), "tos " + tos);
            assertEquals(tos & 0x3c, tosAfter("-j TOS --and-tos 0x3c", tos), "tos " + tos);
            assertEquals(tos | 0x81, tosAfter("-j TOS --or-tos 0x81", tos), "tos " + tos);
            assertEquals(tos ^ 0xa5, tosAfter("-j TOS --xor-tos 0xa5", tos), "tos " + tos);
        }
    }

    @Test
    void exactBytes() {
        // a symbol's mask 0x3f clears the ECN bits too, and keeps the top two bits
        PacketView p = tcp(0xc3);
        mangle.verdictName("-j TOS --set-tos Maximize-Throughput", p);
        assertArrayEquals(bytes(tcp(0xc8)), bytes(p));
    }

    @Test
    void continuesWithTheNextRule() throws Exception {
        var b = new TosTargetExtension().newBuilder(TestContext.of("mangle", "OUTPUT"));
        b.option("--or-tos", List.of("0x10"), false);
        PacketView p = tcp(0x02);
        assertEquals(Verdict.CONTINUE, b.build().apply(p));
        assertEquals(0x12, p.tos());
        assertHeaderChecksumRight(p);
    }

    @Test
    void dropsAPacketShorterThanAnIpv4Header() {
        assertEquals("DROP", mangle.verdictName("-j TOS --set-tos 1",
                TestPackets.tcp("198.18.0.2", 1, "198.18.1.2", 2).truncated(19)));
    }

    @Test
    void savesAndLists() {
        assertEquals("-A PREROUTING -j TOS --set-tos 0x1f/0xff", mangle.saved("-j TOS --set-tos 0x1f"));
        assertEquals("-A PREROUTING -j TOS --set-tos 0x10/0x3f", mangle.saved("-j TOS --set-tos minimize-delay"));
        assertEquals("-A PREROUTING -j TOS --set-tos 0x00/0xed", mangle.saved("-j TOS --and-tos 0x12"));
        assertEquals("-A PREROUTING -j TOS --set-tos 0x12/0x12", mangle.saved("-j TOS --or-tos 0x12"));
        assertEquals("-A PREROUTING -j TOS --set-tos 0x12/0x00", mangle.saved("-j TOS --xor-tos 0x12"));
        String any = "anywhere             anywhere            ";
        assertTrue(mangle.listed("-j TOS --set-tos 0x10/0x3f", false).endsWith(any + "  TOS setMinimize-Delay"));
        assertTrue(mangle.listed("-j TOS --and-tos 0x12", false).endsWith(any + " TOS and 0x12"));
        assertTrue(mangle.listed("-j TOS --or-tos 0x12", false).endsWith(any + " TOS or 0x12"));
        assertTrue(mangle.listed("-j TOS --xor-tos 0x12", false).endsWith(any + " TOS xor 0x12"));
        assertTrue(mangle.listed("-j TOS --set-tos 0x03/0x3f", false).endsWith(any + " TOS set 0x03/0x3f"));
        assertTrue(mangle.listed("-j TOS --set-tos 0x10/0x3f", true).endsWith("0.0.0.0/0            TOS set 0x10/0x3f"));
    }

    @Test
    void refusesAsIptables() {
        assertEquals("Symbolic name \"0x100\" is unknown", mangle.error("-j TOS --set-tos 0x100"));
        assertEquals("Illegal value: \"0x10/0x100\"", mangle.error("-j TOS --set-tos 0x10/0x100"));
        assertEquals("TOS: bad value for option \"--xor-tos\", or out of range (0-255).",
                mangle.error("-j TOS --xor-tos 0x12/0x3"));
        assertEquals("TOS: option \"--set-tos\" cannot be used together with \"--and-tos\".",
                mangle.error("-j TOS --and-tos 2 --set-tos 1"));
        assertEquals("TOS: option \"--or-tos\" cannot be used together with \"--xor-tos\".",
                mangle.error("-j TOS --xor-tos 1 --or-tos 2"));
        assertEquals("TOS: An action is required", mangle.error("-j TOS"));
        assertEquals(2, mangle.failure("-j TOS").status());
    }

    @Test
    void mangleTableOnly() {
        for (String[] place : new String[][] {{"filter", "OUTPUT"}, {"nat", "POSTROUTING"}, {"raw", "PREROUTING"}}) {
            var f = RuleTester.of(place[0], place[1]).failure("-j TOS --set-tos 0x10");
            assertEquals(1, f.status());
            assertTrue(f.message().contains("Invalid argument. Run `dmesg' for more information."), f.message());
        }
        for (String chain : new String[] {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"}) {
            assertEquals("-A " + chain + " -j TOS --set-tos 0x10/0xff",
                    RuleTester.of("mangle", chain).saved("-j TOS --set-tos 0x10"));
        }
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = TosTargetTest.class.getResourceAsStream("/help-TOS.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TosTargetExtension().help());
        }
    }
}
