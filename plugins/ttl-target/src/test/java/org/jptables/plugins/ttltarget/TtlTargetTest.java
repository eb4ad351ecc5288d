package org.jptables.plugins.ttltarget;

import static org.jptables.testkit.PacketBytes.assertHeaderChecksumRight;
import static org.jptables.testkit.PacketBytes.bytes;
import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** What -j TTL does to packets (xt_HL.c's ttl_tg), its options, listing and help, as iptables 1.8.9. */
class TtlTargetTest {
    private final RuleTester mangle = RuleTester.of("mangle", "POSTROUTING");

    /** A UDP packet with this TTL and a right header checksum. */
    private static PacketView udp(int ttl) {
        TestPackets t = TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).length(12);
        t.ipv4().ttl(ttl).tos(0xb9).id(0x1234).dontFragment(true);
        return t.view();
    }

    /** Applies the rule and checks that only the TTL and the checksum changed, the checksum being right. */
    private int ttlAfter(String rule, int ttl) {
        PacketView p = udp(ttl);
        byte[] before = bytes(p);
        assertEquals("ACCEPT", mangle.verdictName(rule, p));
        byte[] after = bytes(p);
        assertHeaderChecksumRight(p);
        for (int i = 0; i < before.length; i++) {
            if (i != 8 && i != 10 && i != 11) {
                assertEquals(before[i], after[i], "byte " + i);
            }
        }
        if (p.ttl() == ttl) {
            assertArrayEquals(before, after, "a TTL left as it was leaves the packet alone");
        }
        return p.ttl();
    }

    @Test
    void setsDecrementsAndIncrementsTheTtl() {
        assertEquals(42, ttlAfter("-j TTL --ttl-set 42", 64));
        assertEquals(0, ttlAfter("-j TTL --ttl-set 0", 64));
        assertEquals(255, ttlAfter("-j TTL --ttl-set 255", 1));
        assertEquals(64, ttlAfter("-j TTL --ttl-set 64", 64));
        assertEquals(59, ttlAfter("-j TTL --ttl-dec 5", 64));
        assertEquals(65, ttlAfter("-j TTL --ttl-inc 1", 64));
        for (int ttl = 0; ttl < 256; ttl += 5) {
            assertEquals(Math.min(ttl + 100, 255), ttlAfter("-j TTL --ttl-inc 100", ttl));
            assertEquals(Math.max(ttl - 100, 0), ttlAfter("-j TTL --ttl-dec 100", ttl));
        }
    }

    @Test
    void clampsAt0And255AsTheKernel() {
        assertEquals(0, ttlAfter("-j TTL --ttl-dec 10", 3));
        assertEquals(0, ttlAfter("-j TTL --ttl-dec 255", 255));
        assertEquals(0, ttlAfter("-j TTL --ttl-dec 1", 0));
        assertEquals(255, ttlAfter("-j TTL --ttl-inc 10", 250));
        assertEquals(255, ttlAfter("-j TTL --ttl-inc 1", 255));
        assertEquals(255, ttlAfter("-j TTL --ttl-inc 255", 1));
    }

    @Test
    void exactBytes() {
        PacketView p = udp(64);
        mangle.verdictName("-j TTL --ttl-set 1", p);
        PacketView expected = udp(1);
        assertArrayEquals(bytes(expected), bytes(p));
    }

    @Test
    void continuesWithTheNextRule() throws Exception {
        var b = new TtlTargetExtension().newBuilder(org.jptables.testkit.TestContext.of("mangle", "PREROUTING"));
        b.option("--ttl-dec", java.util.List.of("1"), false);
        PacketView q = udp(64);
        assertEquals(org.jptables.api.Verdict.CONTINUE, b.build().apply(q));
        assertEquals(63, q.ttl());
        assertHeaderChecksumRight(q);
        // the chain's policy decides after it
        assertEquals("ACCEPT", RuleTester.of("mangle", "FORWARD").verdictName("-j TTL --ttl-dec 1", udp(64)));
    }

    @Test
    void dropsAPacketShorterThanAnIpv4Header() {
        TestPackets t = TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53);
        assertEquals("DROP", mangle.verdictName("-j TTL --ttl-set 9", t.truncated(12)));
    }

    @Test
    void savesAndLists() {
        assertEquals("-A POSTROUTING -j TTL --ttl-set 42", mangle.saved("-j TTL --ttl-set 42"));
        assertEquals("-A POSTROUTING -j TTL --ttl-set 16", mangle.saved("-j TTL --ttl-set 0x10"));
        assertEquals("-A POSTROUTING -j TTL --ttl-dec 3", mangle.saved("-j TTL --ttl-dec 3"));
        assertEquals("-A POSTROUTING -j TTL --ttl-inc 255", mangle.saved("-j TTL --ttl-inc 255"));
        assertTrue(mangle.listed("-j TTL --ttl-set 42", false).endsWith("anywhere             TTL set to 42"));
        assertTrue(mangle.listed("-j TTL --ttl-dec 2", true).endsWith("0.0.0.0/0            TTL decrement by 2"));
        assertTrue(mangle.listed("-j TTL --ttl-inc 2", true).endsWith("0.0.0.0/0            TTL increment by 2"));
    }

    @Test
    void refusesAsIptables() {
        assertEquals("TTL: bad value for option \"--ttl-inc\", or out of range (1-255).",
                mangle.error("-j TTL --ttl-inc 0"));
        assertEquals("TTL: bad value for option \"--ttl-dec\", or out of range (1-255).",
                mangle.error("-j TTL --ttl-dec 0"));
        assertEquals("TTL: bad value for option \"--ttl-set\", or out of range (0-255).",
                mangle.error("-j TTL --ttl-set 256"));
        assertEquals("TTL: option \"--ttl-dec\" cannot be used together with \"--ttl-inc\".",
                mangle.error("-j TTL --ttl-inc 1 --ttl-dec 1"));
        assertEquals("TTL: option \"--ttl-set\" cannot be used together with \"--ttl-dec\".",
                mangle.error("-j TTL --ttl-dec 1 --ttl-set 1"));
        assertEquals("TTL: You must specify an action", mangle.error("-j TTL"));
        assertEquals(2, mangle.failure("-j TTL").status());
    }

    @Test
    void mangleTableOnly() {
        for (String[] place : new String[][] {{"filter", "INPUT"}, {"nat", "PREROUTING"}, {"raw", "OUTPUT"}}) {
            RuleTester t = RuleTester.of(place[0], place[1]);
            var f = t.failure("-j TTL --ttl-set 42");
            assertEquals(1, f.status());
            assertTrue(f.message().contains("Invalid argument. Run `dmesg' for more information."), f.message());
        }
        for (String chain : new String[] {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"}) {
            assertEquals("-A " + chain + " -j TTL --ttl-inc 1", RuleTester.of("mangle", chain).saved("-j TTL --ttl-inc 1"));
        }
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = TtlTargetTest.class.getResourceAsStream("/help-TTL.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TtlTargetExtension().help());
        }
    }
}
