package org.jptables.plugins.idletimer;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.PacketBytes;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** -j IDLETIMER: its options, listing and help as iptables 1.8.9; offline it only goes on with the next rule. */
class IdletimerTest {
    private final RuleTester filter = RuleTester.of("filter", "INPUT");

    @Test
    void continuesAndLeavesThePacketAlone() throws Exception {
        var b = new IdletimerExtension().newBuilder(TestContext.of("filter", "INPUT"));
        b.option("--timeout", List.of("42"), false);
        b.option("--label", List.of("foo"), false);
        PacketView p = TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).length(12).view();
        byte[] before = PacketBytes.bytes(p);
        assertEquals(Verdict.CONTINUE, b.build().apply(p));
        assertArrayEquals(before, PacketBytes.bytes(p));
        assertEquals("ACCEPT", filter.verdictName("-j IDLETIMER --timeout 42 --label foo",
                TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).view()));
    }

    @Test
    void savesAndLists() {
        assertEquals("-A INPUT -j IDLETIMER --timeout 16 --label baz --alarm",
                filter.saved("-j IDLETIMER --alarm --label baz --timeout 0x10"));
        assertTrue(filter.listed("-j IDLETIMER --timeout 42 --label bar --alarm", false)
                .endsWith("anywhere             timeout:42 label:bar alarm"));
        assertTrue(filter.listed("-j IDLETIMER --timeout 42 --label foo", true)
                .endsWith("0.0.0.0/0            timeout:42 label:foo"));
    }

    @Test
    void cutsTheLabelAt27Bytes() {
        assertEquals("abcdefghijklmnopqrstuvwxyz0", IdletimerExtension.cut("abcdefghijklmnopqrstuvwxyz0123"));
        assertEquals("abcdefghijklmnopqrstuvwxyz0", IdletimerExtension.cut("abcdefghijklmnopqrstuvwxyz0"));
        assertEquals("aaaaaaaaaaaaaaaaaaaaaaaaa\u00e9", IdletimerExtension.cut("aaaaaaaaaaaaaaaaaaaaaaaaa\u00e9\u00e9"));
        // a character that would not fit whole is left out (C would keep its first byte)
        assertEquals("aaaaaaaaaaaaaaaaaaaaaaaaaa", IdletimerExtension.cut("aaaaaaaaaaaaaaaaaaaaaaaaaa\u00e9"));
    }

    @Test
    void refusesAsIptablesAndTheKernel() {
        assertEquals("IDLETIMER: option \"--label\" must be specified", filter.error("-j IDLETIMER --timeout 42"));
        assertEquals("IDLETIMER: option \"--timeout\" must be specified", filter.error("-j IDLETIMER --label x"));
        assertEquals("IDLETIMER: bad value for option \"--timeout\", or out of range (0-4294967295).",
                filter.error("-j IDLETIMER --timeout -1 --label x"));
        for (String rule : new String[] {"--timeout 0 --label x", "--timeout 2147483 --label x",
                "--timeout 1 --label .", "--timeout 1 --label ..", "--timeout 1 --label subsystem",
                "--timeout 1 --label power", "--timeout 1 --label a/b"}) {
            var f = filter.failure("-j IDLETIMER " + rule);
            assertEquals(1, f.status(), rule);
            assertTrue(f.message().contains("Invalid argument. Run `dmesg' for more information."), f.message());
        }
    }

    @Test
    void anyTableAnyHook() {
        for (String[] place : new String[][] {{"filter", "FORWARD"}, {"mangle", "PREROUTING"}, {"nat", "POSTROUTING"},
                {"raw", "OUTPUT"}}) {
            assertEquals("-A " + place[1] + " -j IDLETIMER --timeout 1 --label a",
                    RuleTester.of(place[0], place[1]).saved("-j IDLETIMER --timeout 1 --label a"));
        }
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = IdletimerTest.class.getResourceAsStream("/help-IDLETIMER.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new IdletimerExtension().help());
        }
    }
}
