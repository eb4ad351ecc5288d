package org.jptables.plugins.audit;

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

/** -j AUDIT: its option, listing and help as iptables 1.8.9; offline it only goes on with the next rule. */
class AuditTest {
    private final RuleTester filter = RuleTester.of("filter", "INPUT");

    @Test
    void continuesAndLeavesThePacketAlone() throws Exception {
        for (String type : new String[] {"accept", "drop", "reject"}) {
            var b = new AuditExtension().newBuilder(TestContext.of("filter", "INPUT"));
            b.option("--type", List.of(type), false);
            PacketView p = TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).length(12).view();
            byte[] before = PacketBytes.bytes(p);
            assertEquals(Verdict.CONTINUE, b.build().apply(p));
            assertArrayEquals(before, PacketBytes.bytes(p));
            assertEquals(0, p.mark());
            // the type is not the verdict: the policy decides
            assertEquals("ACCEPT", filter.verdictName("-j AUDIT --type " + type,
                    TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).view()));
        }
    }

    @Test
    void savesAndLists() {
        assertEquals("-A INPUT -j AUDIT --type accept", filter.saved("-j AUDIT --type ACCEPT"));
        assertEquals("-A INPUT -j AUDIT --type drop", filter.saved("-j AUDIT --type DrOp"));
        assertTrue(filter.listed("-j AUDIT --type reject", false).endsWith("anywhere             AUDIT reject"));
        assertTrue(filter.listed("-j AUDIT --type reject", true).endsWith("0.0.0.0/0            AUDIT reject"));
    }

    @Test
    void refusesAsIptables() {
        assertEquals("Bad action type value \"wrong\"", filter.error("-j AUDIT --type wrong"));
        assertEquals("AUDIT: option \"--type\" must be specified", filter.error("-j AUDIT"));
        assertEquals(2, filter.failure("-j AUDIT").status());
    }

    @Test
    void anyTableAnyHook() {
        for (String[] place : new String[][] {{"filter", "FORWARD"}, {"mangle", "PREROUTING"}, {"nat", "POSTROUTING"},
                {"raw", "OUTPUT"}}) {
            assertEquals("-A " + place[1] + " -j AUDIT --type drop",
                    RuleTester.of(place[0], place[1]).saved("-j AUDIT --type drop"));
        }
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = AuditTest.class.getResourceAsStream("/help-AUDIT.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new AuditExtension().help());
        }
    }
}
