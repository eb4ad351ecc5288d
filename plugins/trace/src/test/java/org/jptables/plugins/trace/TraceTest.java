package org.jptables.plugins.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** The target only marks the packet; the lines are the kernel's (checked by the conformance case trace-rules). */
class TraceTest {
    @Test
    void marksThePacketAndGoesOn() {
        RuleTester raw = RuleTester.of("raw", "PREROUTING");
        PacketView p = TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2).view().traced(false);
        assertEquals(Verdict.ACCEPT, raw.verdict("-j TRACE", p));
        assertTrue(p.traced());
        assertFalse(TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2).view().traced(false).traced());
        assertEquals(Verdict.CONTINUE, TraceTarget.INSTANCE.apply(p));
    }

    @Test
    void onlyInRaw() {
        assertEquals(1, RuleTester.of("mangle", "PREROUTING").failure("-j TRACE").status());
        assertEquals("-A OUTPUT -j TRACE", RuleTester.of("raw", "OUTPUT").saved("-j TRACE"));
    }

    @Test
    void help() throws Exception {
        try (InputStream in = TraceTest.class.getResourceAsStream("/help-TRACE.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TraceExtension().help());
        }
    }
}
