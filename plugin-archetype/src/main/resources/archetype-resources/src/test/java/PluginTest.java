package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jptables.api.Packet;
import org.jptables.api.Verdict;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/**
 * The rules go through jptables' real parser, listing and evaluation loop (the testkit), with the
 * extensions of this project found on the test class path as PF4J finds them in the jar.
 */
class PluginTest {
    private final RuleTester filter = RuleTester.filter();

    /** A UDP packet: 20 bytes of IPv4 header, 8 of UDP header, then {@code data} bytes. */
    private static Packet udp(int data) {
        return TestPackets.udp("203.0.113.9", 40000, "198.18.0.1", 53).length(data).view();
    }

    @Test
    void savesAndLists() {
        assertEquals("-A INPUT -m ${matchName} --min-payload 100", filter.saved("-m ${matchName} --min-payload 100"));
        assertEquals("-A INPUT -m ${matchName} ! --min-payload 16", filter.saved("-m ${matchName} ! --min-payload 0x10"));
        String listed = filter.listed("-m ${matchName} --min-payload 100", true);
        assertTrue(listed.endsWith(" payload >= 100"), listed);
        assertTrue(filter.listed("-m ${matchName} ! --min-payload 100", true).endsWith(" payload < 100"));
    }

    @Test
    void refusesBadRules() {
        assertEquals("${matchName}: bad value for option \"--min-payload\", or out of range (0-65535).",
                filter.error("-m ${matchName} --min-payload 65536"));
        assertEquals("${matchName}: option \"--min-payload\" must be specified", filter.error("-m ${matchName}"));
    }

    @Test
    void matchesOnThePayloadLength() {
        // the UDP header counts as payload of the IPv4 packet: 8 + 92 = 100
        assertTrue(filter.matches("-m ${matchName} --min-payload 100", udp(92)));
        assertFalse(filter.matches("-m ${matchName} --min-payload 100", udp(91)));
        assertTrue(filter.matches("-m ${matchName} ! --min-payload 100", udp(91)));
    }

    @Test
    void worksWithTheBundledPlugins() {
        // -p tcp (ip-header) and -j DROP (standard) are bundled plugins: test dependencies in pom.xml
        String rule = "-p tcp -m ${matchName} --min-payload 100 -j DROP";
        assertEquals("-A INPUT -p tcp -m ${matchName} --min-payload 100 -j DROP", filter.saved(rule));
        // 20 bytes of TCP header + 200 of data: dropped; the UDP packet is not TCP, the policy accepts it
        assertEquals(Verdict.DROP, filter.verdict(rule, TestPackets.tcp("203.0.113.9", 40000, "198.18.0.1", 80).length(200).view()));
        assertEquals(Verdict.ACCEPT, filter.verdict(rule, udp(500)));
    }
#if( $withTarget == "true" )

    @Test
    void theTargetSavesListsAndRefuses() {
        assertEquals("-A INPUT -m ${matchName} --min-payload 100 -j ${targetName} --tag 0x7",
                filter.saved("-m ${matchName} --min-payload 100 -j ${targetName} --tag 7"));
        String listed = filter.listed("-m ${matchName} --min-payload 100 -j ${targetName} --tag 7", true);
        assertTrue(listed.endsWith(" payload >= 100 tag 0x7"), listed);
        assertEquals("${targetName}: bad value for option \"--tag\", or out of range (0-4294967295).",
                filter.error("-j ${targetName} --tag x"));
        assertEquals("${targetName}: option \"--tag\" must be specified", filter.error("-j ${targetName}"));
        assertEquals("${targetName}: option \"--tag\" cannot be inverted.", filter.error("-j ${targetName} ! --tag 1"));
    }

    @Test
    void tagsAndContinues() {
        Packet big = udp(500);
        // the target goes on to the next rule, so the chain's policy (ACCEPT) decides
        assertEquals(Verdict.ACCEPT, filter.verdict("-m ${matchName} --min-payload 100 -j ${targetName} --tag 0xbeef", big));
        assertEquals(0xbeef, big.mark());
        Packet small = udp(10);
        filter.verdict("-m ${matchName} --min-payload 100 -j ${targetName} --tag 0xbeef", small);
        assertEquals(0, small.mark());
    }
#end
}
