package org.jptables.plugins.classify;

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

/** What -j CLASSIFY does (xt_CLASSIFY's classify_tg), its option, listing and help, as iptables 1.8.9. */
class ClassifyTest {
    private final RuleTester mangle = RuleTester.of("mangle", "POSTROUTING");

    private static PacketView udp() {
        return TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).length(12).view();
    }

    private static long priorityAfter(String setClass) throws Exception {
        var b = new ClassifyExtension().newBuilder(TestContext.of("mangle", "POSTROUTING"));
        b.option("--set-class", List.of(setClass), false);
        PacketView p = udp();
        byte[] before = PacketBytes.bytes(p);
        assertEquals(Verdict.CONTINUE, b.build().apply(p));
        assertArrayEquals(before, PacketBytes.bytes(p), "the bytes stay as they were");
        return p.priority();
    }

    @Test
    void setsThePriorityAndContinues() throws Exception {
        assertEquals(0x0001_0010L, priorityAfter("1:10"));
        assertEquals(0xabcd_00efL, priorityAfter("ABCD:ef"));
        assertEquals(0x0000_ffffL, priorityAfter("0000:ffff"));
        assertEquals(0xffff_fffeL, priorityAfter("-1:-2"));
        assertEquals(0x2345_3456L, priorityAfter("12345:123456"));
        assertEquals(0L, priorityAfter("0:0"));
        // the chain goes on: the policy decides
        assertEquals("ACCEPT", mangle.verdictName("-j CLASSIFY --set-class 1:2", udp()));
        PacketView p = udp();
        p.setPriority(7);
        mangle.verdictName("-j CLASSIFY --set-class 1:2", p);
        assertEquals(0x10002L, p.priority());
    }

    @Test
    void readsAsSscanf() {
        assertEquals(0x00010002L, ClassValue.parse("1:2xyz"));
        assertEquals(0x00010002L, ClassValue.parse(" 1: 2"));
        assertEquals(0x00010002L, ClassValue.parse("+1:+2"));
        assertEquals(0x00000001L, ClassValue.parse("0x:1"));
        assertEquals(0x00100020L, ClassValue.parse("0x10:0X20"));
        assertEquals(0x00000001L, ClassValue.parse("10000000000:1"));
        assertEquals(0xffffffffL, ClassValue.parse("ffffffffffffffffffff:fffffffffffffffffffff"));
        assertEquals(-1, ClassValue.parse("1 :2"));
        assertEquals(-1, ClassValue.parse("1"));
        assertEquals(-1, ClassValue.parse("1:"));
        assertEquals(-1, ClassValue.parse(":1"));
        assertEquals(-1, ClassValue.parse("g:1"));
        assertEquals(-1, ClassValue.parse(""));
        assertEquals(-1, ClassValue.parse("-:1"));
    }

    @Test
    void savesAndLists() {
        assertEquals("-A POSTROUTING -j CLASSIFY --set-class 0001:0010", mangle.saved("-j CLASSIFY --set-class 1:10"));
        assertEquals("-A POSTROUTING -j CLASSIFY --set-class abcd:00ef", mangle.saved("-j CLASSIFY --set-class ABCD:ef"));
        assertTrue(mangle.listed("-j CLASSIFY --set-class 1:10", false).endsWith("anywhere             CLASSIFY set 1:10"));
        assertTrue(mangle.listed("-j CLASSIFY --set-class 0:ffff", true).endsWith("0.0.0.0/0            CLASSIFY set 0:ffff"));
    }

    @Test
    void refusesAsIptables() {
        assertEquals("Bad class value \"1\"", mangle.error("-j CLASSIFY --set-class 1"));
        assertEquals("CLASSIFY: option \"--set-class\" must be specified", mangle.error("-j CLASSIFY"));
        assertEquals(2, mangle.failure("-j CLASSIFY").status());
    }

    @Test
    void outputForwardAndPostroutingOfAnyTable() {
        for (String[] place : new String[][] {{"mangle", "PREROUTING"}, {"mangle", "INPUT"}, {"filter", "INPUT"},
                {"nat", "PREROUTING"}, {"raw", "PREROUTING"}}) {
            var f = RuleTester.of(place[0], place[1]).failure("-j CLASSIFY --set-class 1:1");
            assertEquals(1, f.status());
            assertTrue(f.message().contains("Invalid argument. Run `dmesg' for more information."), f.message());
        }
        for (String[] place : new String[][] {{"mangle", "OUTPUT"}, {"mangle", "FORWARD"}, {"filter", "FORWARD"},
                {"filter", "OUTPUT"}, {"nat", "POSTROUTING"}, {"nat", "OUTPUT"}, {"raw", "OUTPUT"}}) {
            assertEquals("-A " + place[1] + " -j CLASSIFY --set-class 0001:0001",
                    RuleTester.of(place[0], place[1]).saved("-j CLASSIFY --set-class 1:1"));
        }
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = ClassifyTest.class.getResourceAsStream("/help-CLASSIFY.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new ClassifyExtension().help());
        }
    }
}
