package org.jptables.plugins.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers (HZ=250 kernel) for the same rules. */
class LimitTest {
    private final RuleTester t = RuleTester.filter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|--limit 3/hour|limit: avg 3/hour burst 5",
        "--limit 10/min --limit-burst 20|--limit 10/min --limit-burst 20|limit: avg 10/min burst 20",
        "--limit 2/sec|--limit 2/sec|limit: avg 2/sec burst 5",
        "--limit 5|--limit 5/sec|limit: avg 5/sec burst 5",
        "--limit 7/s|--limit 7/sec|limit: avg 7/sec burst 5",
        "--limit 7/m|--limit 7/min|limit: avg 7/min burst 5",
        "--limit 7/h|--limit 7/hour|limit: avg 7/hour burst 5",
        "--limit 7/d|--limit 7/day|limit: avg 7/day burst 5",
        "--limit 7/MINUTE|--limit 7/min|limit: avg 7/min burst 5",
        "--limit 10000/sec|--limit 10000/sec|limit: avg 10000/sec burst 5",
        "--limit 333/sec|--limit 333/sec|limit: avg 333/sec burst 5",
        "--limit 60/min|--limit 1/sec|limit: avg 1/sec burst 5",
        "--limit 120/min|--limit 2/sec|limit: avg 2/sec burst 5",
        "--limit 90/min|--limit 90/min|limit: avg 90/min burst 5",
        "--limit 24/day|--limit 1/hour|limit: avg 1/hour burst 5",
        "--limit 1440/day|--limit 1/min|limit: avg 1/min burst 5",
        "--limit 3/min --limit-burst 5|--limit 3/min|limit: avg 3/min burst 5",
        "--limit 010/sec|--limit 10/sec|limit: avg 10/sec burst 5",
        "--limit 1/day --limit-burst 1|--limit 1/day --limit-burst 1|limit: avg 1/day burst 1",
        "--limit 1/min --limit-burst 10000|--limit 1/min --limit-burst 10000|limit: avg 1/min burst 10000",
        "--limit-burst 0x10|--limit 3/hour --limit-burst 16|limit: avg 3/hour burst 16",
    })
    void savesAndListsAsIptables(String options, String saved, String listed) {
        String rule = "-m limit " + options;
        assertEquals(("-A INPUT -m limit " + saved), t.saved(rule.strip()));
        assertTrue(t.listed(rule.strip(), true).endsWith(" " + listed), () -> t.listed(rule.strip(), true));
        assertTrue(t.listed(rule.strip(), false).endsWith(" " + listed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--limit 7/minutes|bad rate \"7/minutes\"'",
        "--limit 7/x|bad rate \"7/x\"'",
        "--limit 0/sec|bad rate \"0/sec\"'",
        "--limit 7/|bad rate \"7/\"'",
        "--limit abc|bad rate \"abc\"'",
        "--limit 5/sec/sec|bad rate \"5/sec/sec\"'",
        "--limit 4294967296|bad rate \"4294967296\"'",
        "--limit 0x10/sec|bad rate \"0x10/sec\"'",
        "--limit 10001/sec|Rate too fast \"10001/sec\"",
        "--limit-burst 10001|limit: bad value for option \"--limit-burst\", or out of range (0-10000).",
        "--limit-burst -1|limit: bad value for option \"--limit-burst\", or out of range (0-10000).",
        "--limit-burst abc|limit: bad value for option \"--limit-burst\", or out of range (0-10000).",
        "! --limit 5|limit: option \"--limit\" cannot be inverted.",
        "--limit 5 --limit 6|limit: option \"--limit\" can only be used once.",
    })
    void refusesAsIptables(String options, String message) {
        assertEquals(message, t.error("-m limit " + options).strip());
    }

    /** Rules iptables parses but the kernel refuses with ERANGE (its 32-bit bucket would wrap). */
    @ParameterizedTest
    @CsvSource({"1/day,5", "1/day,4", "1/day,2", "1/hour,120", "1/hour,358", "3/hour,10000", "3/hour,0"})
    void kernelRefusesBucketsThatWrap(String rate, String burst) {
        assertEquals("Numerical result out of range.",
                t.error("-m limit --limit " + rate + " --limit-burst " + burst));
    }

    @ParameterizedTest
    @CsvSource({"1/day,1", "1/hour,100", "1/hour,119", "1/min,7000", "1/min,10000", "2/day,3"})
    void kernelAcceptsBucketsThatFit(String rate, String burst) {
        t.saved("-m limit --limit " + rate + " --limit-burst " + burst);
    }

    private static Match limit(String rate, String burst) throws RuleException {
        MatchBuilder b = new LimitExtension().newBuilder(null);
        b.option("--limit", List.of(rate), false);
        b.option("--limit-burst", List.of(burst), false);
        return b.build();
    }

    private static final PacketView PACKET = TestPackets.udp("192.0.2.1", 1000, "198.18.0.1", 53).view();

    private static boolean at(Match m, double seconds) {
        PACKET.timeNanos(Math.round(seconds * 1e9));
        return m.matches(PACKET);
    }

    @Test
    void burstThenOnePacketPerPeriod() throws RuleException {
        Match m = limit("10/min", "3");
        assertTrue(at(m, 100));
        assertTrue(at(m, 100));
        assertTrue(at(m, 100));
        assertFalse(at(m, 100));
        assertFalse(at(m, 105.996));
        assertTrue(at(m, 106.0));
        assertFalse(at(m, 106.1));
        // A long pause refills the bucket only to its burst.
        assertTrue(at(m, 1000));
        assertTrue(at(m, 1000));
        assertTrue(at(m, 1000));
        assertFalse(at(m, 1000));
    }

    @Test
    void creditsAccumulatePerJiffy() throws RuleException {
        Match m = limit("2/sec", "1");
        assertTrue(at(m, 0));
        // 2/sec costs 125 jiffies of credit at HZ=250: 0.496 s is 124 jiffies, 0.5 s is 125.
        assertFalse(at(m, 0.496));
        assertTrue(at(m, 0.5));
        assertFalse(at(m, 0.999));
        assertTrue(at(m, 1.0));
    }

    @Test
    void rateOverTimeIsTheAverage() throws RuleException {
        Match m = limit("100/sec", "5");
        int matched = 0;
        for (int i = 0; i < 10_000; i++) {
            if (at(m, i * 0.001)) {
                matched++;
            }
        }
        // 10 s at 100/s plus the initial burst of 5.
        assertEquals(1005, matched, 2);
    }

    @Test
    void perPacketPathDoesNotAllocate() throws RuleException {
        Match m = limit("1000/sec", "5");
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            at(m, i * 1e-4);
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            PACKET.timeNanos(i * 100_000L);
            m.matches(PACKET);
        }
        // One-off allocations (JIT, class loading) are allowed; one object per packet would be
        // at least 16 bytes x 100000 calls.
        assertTrue(bean.getCurrentThreadAllocatedBytes() - before < 65536);
    }

    @Test
    void printsThroughTheMatchDirectly() throws RuleException {
        StringBuilder sb = new StringBuilder();
        limit("20/min", "7").print(sb, new ListingFormat(true, null));
        assertEquals(" limit: avg 20/min burst 7", sb.toString());
        assertThrows(RuleException.class, () -> limit("x", "5"));
    }

    @Test
    void atoiAsC() {
        assertEquals(5, Rate.atoi("5abc"));
        assertEquals(-5, Rate.atoi(" -5"));
        assertEquals(0, Rate.atoi("4294967296"));
        assertEquals(0, Rate.atoi("x"));
    }

    @Test
    void help() {
        assertTrue(new LimitExtension().help().startsWith("limit match options:\n--limit avg\t\t\tmax average"));
    }
}
