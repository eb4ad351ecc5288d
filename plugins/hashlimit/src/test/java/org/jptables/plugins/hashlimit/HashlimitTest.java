package org.jptables.plugins.hashlimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/**
 * What -m hashlimit does to packets (xt_hashlimit.c's hashlimit_mt_common, revision 3, HZ=250),
 * on the packets' own timestamps; its texts are checked against iptables in RecordedRulesTest.
 */
class HashlimitTest {
    /** A match from the words after -m hashlimit, through the builder, in a context of its own. */
    private static Match match(String options) throws RuleException {
        return match(options, new TestContext("filter", "INPUT", null));
    }

    private static Match match(String options, TestContext context) throws RuleException {
        MatchBuilder b = new HashlimitExtension().newBuilder(context);
        String[] w = options.split(" ");
        for (int i = 0; i < w.length; i++) {
            boolean not = w[i].equals("!");
            if (not) {
                i++;
            }
            String name = w[i].equals("--hashlimit") ? HashlimitExtension.UPTO : w[i];
            boolean flag = name.equals(HashlimitExtension.RATE_MATCH);
            b.option(name, flag ? List.of() : List.of(w[++i]), not);
        }
        return b.build();
    }

    private static PacketView udp(String src, int sport, String dst, int dport, double seconds) {
        PacketView p = TestPackets.udp(src, sport, dst, dport).view();
        p.timeNanos(Math.round(seconds * 1e9));
        return p;
    }

    private static boolean at(Match m, double seconds) {
        return m.matches(udp("10.0.0.1", 1000, "10.0.1.1", 53, seconds));
    }

    @Test
    void burstThenOnePacketPerPeriod() throws RuleException {
        Match m = match("--hashlimit-upto 10/min --hashlimit-burst 3 --hashlimit-name t");
        assertTrue(at(m, 100));
        assertTrue(at(m, 100));
        assertTrue(at(m, 100));
        assertFalse(at(m, 100));
        // 10/min costs 1500 jiffies of credit: 1499 jiffies are not enough
        assertFalse(at(m, 105.996));
        assertTrue(at(m, 106.0));
        assertFalse(at(m, 106.1));
    }

    @Test
    void aboveIsTheOppositeSense() throws RuleException {
        Match m = match("--hashlimit-above 10/min --hashlimit-burst 2 --hashlimit-name t");
        assertFalse(at(m, 0));
        assertFalse(at(m, 0));
        assertTrue(at(m, 0));
        Match n = match("! --hashlimit-above 10/min --hashlimit-burst 2 --hashlimit-name u");
        assertTrue(at(n, 0));
        assertTrue(at(n, 0));
        assertFalse(at(n, 0));
    }

    @Test
    void eachFlowHasItsBucket() throws RuleException {
        Match m = match("--hashlimit-upto 1/min --hashlimit-burst 1 --hashlimit-mode srcip,dstport --hashlimit-name t");
        assertTrue(m.matches(udp("10.0.0.1", 1, "10.0.1.1", 53, 0)));
        assertFalse(m.matches(udp("10.0.0.1", 2, "10.0.1.2", 53, 0)));
        assertTrue(m.matches(udp("10.0.0.2", 1, "10.0.1.1", 53, 0)));
        assertTrue(m.matches(udp("10.0.0.1", 1, "10.0.1.1", 54, 0)));
        // no mode: one bucket for all
        Match all = match("--hashlimit-upto 1/min --hashlimit-burst 1 --hashlimit-name u");
        assertTrue(all.matches(udp("10.0.0.1", 1, "10.0.1.1", 53, 0)));
        assertFalse(all.matches(udp("10.0.0.9", 9, "10.0.1.9", 59, 0)));
    }

    @Test
    void masksGroupAddresses() throws RuleException {
        Match m = match("--hashlimit-upto 1/min --hashlimit-burst 1 --hashlimit-mode srcip --hashlimit-srcmask 24"
                + " --hashlimit-name t");
        assertTrue(m.matches(udp("10.0.0.1", 1, "10.0.1.1", 53, 0)));
        assertFalse(m.matches(udp("10.0.0.200", 1, "10.0.1.1", 53, 0)));
        assertTrue(m.matches(udp("10.0.1.1", 1, "10.0.1.1", 53, 0)));
    }

    @Test
    void idleEntriesExpireAndComeBackFull() throws RuleException {
        // 1/min, burst 5: the default expiry is the unit, 60 s; the collector runs every second
        Match m = match("--hashlimit-upto 1/min --hashlimit-name t");
        for (int i = 0; i < 5; i++) {
            assertTrue(at(m, 0));
        }
        assertFalse(at(m, 0));
        int matched = 0;
        for (int i = 0; i < 6; i++) {
            matched += at(m, 61) ? 1 : 0;
        }
        assertEquals(5, matched, "a new entry has a full bucket");
        // kept for two minutes, the entry has only earned one packet in 61 s
        Match kept = match("--hashlimit-upto 1/min --hashlimit-name u --hashlimit-htable-expire 120000");
        for (int i = 0; i < 5; i++) {
            assertTrue(at(kept, 0));
        }
        assertTrue(at(kept, 61));
        assertFalse(at(kept, 61));
    }

    /**
     * Seen on Linux 6.18 (UDP between two namespaces): 3 packets at 0 s and 3 at 3.5 s through
     * 1/min with a burst of 2. Kept 2 s, the entry is collected before the second burst, which
     * finds a full bucket again (4 matched); kept 10 s, it has earned nothing (2 matched).
     */
    @Test
    void collectedEntriesAsLinux() throws RuleException {
        for (String[] c : new String[][] {{"2000", "4"}, {"10000", "2"}}) {
            Match m = match("--hashlimit-upto 1/min --hashlimit-burst 2 --hashlimit-htable-expire " + c[0]
                    + " --hashlimit-name gc");
            int matched = 0;
            for (int i = 0; i < 3; i++) {
                matched += at(m, 0) ? 1 : 0;
            }
            for (int i = 0; i < 3; i++) {
                matched += at(m, 3.5) ? 1 : 0;
            }
            assertEquals(Integer.parseInt(c[1]), matched, "expire " + c[0]);
        }
    }

    @Test
    void aFullTableDropsNewFlows() throws RuleException {
        Match m = match("--hashlimit-upto 10/sec --hashlimit-mode srcip --hashlimit-htable-size 2"
                + " --hashlimit-htable-max 1 --hashlimit-name t");
        assertTrue(m.matches(udp("10.0.0.1", 1, "10.0.1.1", 53, 0)));
        assertTrue(m.matches(udp("10.0.0.2", 1, "10.0.1.1", 53, 0)), "max below size is raised to the size");
        PacketView third = udp("10.0.0.3", 1, "10.0.1.1", 53, 0);
        assertFalse(m.matches(third));
        assertTrue(third.hotdropped());
    }

    @Test
    void portsOfATruncatedPacketDropIt() throws RuleException {
        Match m = match("--hashlimit-upto 10/sec --hashlimit-mode dstport --hashlimit-name t");
        PacketView p = TestPackets.udp("10.0.0.1", 1, "10.0.1.1", 53).truncated(22);
        assertFalse(m.matches(p));
        assertTrue(p.hotdropped());
        // a protocol without ports has ports 0: no reading, no drop
        PacketView icmp = TestPackets.icmp("10.0.0.1", "10.0.1.1", 8, 0).truncated(20);
        assertTrue(m.matches(icmp));
        assertFalse(icmp.hotdropped());
    }

    @Test
    void bytesPerSecond() throws RuleException {
        // 1kb/s without a burst: one full second of credit, never refilled beyond it
        Match m = match("--hashlimit-upto 1kb/s --hashlimit-name t");
        PacketView p = TestPackets.udp("10.0.0.1", 1, "10.0.1.1", 53).length(972).view();
        assertEquals(1000, p.totalLength());
        p.timeNanos(0);
        assertTrue(m.matches(p));
        assertFalse(m.matches(p));
        p.timeNanos(500_000_000L);
        assertFalse(m.matches(p));
        p.timeNanos(1_000_000_000L);
        assertTrue(m.matches(p));
    }

    @Test
    void rateMatchWindows() throws RuleException {
        // 10/sec rate-match: 10 packets a second plus the burst of 5 in a window of one second
        // entries kept 10 s: the collector does not empty the table between the windows
        Match m = match("--hashlimit-upto 10/sec --hashlimit-rate-match --hashlimit-htable-expire 10000 --hashlimit-name t");
        int matched = 0;
        for (int i = 0; i < 16; i++) {
            matched += at(m, 0) ? 1 : 0;
        }
        assertEquals(15, matched);
        // the window that went over the rate marks the next one: nothing matches in it
        assertFalse(at(m, 1.0));
        assertTrue(at(m, 2.0));
    }

    /**
     * Seen on Linux 6.18 between two network namespaces (UDP bursts from one process, the rule's
     * counter read after): 16 packets at 0 s, then one packet at T. The over-full window closes
     * the next one until 16 packets x 250 jiffies no longer exceed T's jiffies x 10 packets/s.
     */
    @Test
    void rateMatchWindowAsLinux() throws RuleException {
        double[][] cases = {{1.1, 15}, {1.5, 15}, {1.7, 16}};
        for (double[] c : cases) {
            Match m = match("--hashlimit-upto 10/sec --hashlimit-rate-match --hashlimit-htable-expire 10000"
                    + " --hashlimit-name w");
            int matched = 0;
            for (int i = 0; i < 16; i++) {
                matched += at(m, 0) ? 1 : 0;
            }
            matched += at(m, c[0]) ? 1 : 0;
            assertEquals((int) c[1], matched, "one packet at " + c[0]);
        }
        // 14 then 20 at 1.1 s: the first window stayed under the rate, the second is over at once
        Match m = match("--hashlimit-upto 10/sec --hashlimit-rate-match --hashlimit-htable-expire 10000"
                + " --hashlimit-name v");
        int matched = 0;
        for (int i = 0; i < 14; i++) {
            matched += at(m, 0) ? 1 : 0;
        }
        for (int i = 0; i < 20; i++) {
            matched += at(m, 1.1) ? 1 : 0;
        }
        assertEquals(14, matched);
    }

    /** Seen on Linux 6.18: 20 packets at once through --hashlimit-upto 1kb/s pass as the chunk costs allow. */
    @Test
    void byteBurstsAsLinux() throws RuleException {
        int[][] cases = {{1000, 1}, {500, 2}, {1500, 1}, {128, 7}};
        for (int[] c : cases) {
            Match m = match("--hashlimit-upto 1kb/s --hashlimit-name b");
            PacketView p = TestPackets.udp("10.0.0.1", 1, "10.0.1.1", 53).length(c[0] - 28).view();
            int matched = 0;
            for (int i = 0; i < 20; i++) {
                matched += m.matches(p) ? 1 : 0;
            }
            assertEquals(c[1], matched, c[0] + " bytes");
        }
    }

    @Test
    void rulesOfOneNameShareTheFirstRulesTable() throws RuleException {
        TestContext shared = new TestContext("filter", "INPUT", null);
        Match a = match("--hashlimit-upto 1/min --hashlimit-burst 1 --hashlimit-name same", shared);
        Match b = match("--hashlimit-upto 1/min --hashlimit-burst 9 --hashlimit-name same", shared);
        assertTrue(at(a, 0));
        assertFalse(at(b, 0), "the bucket of the first rule's table is empty");
    }

    @Property(tries = 50)
    void entriesSurviveGrowthAndRemoval(@ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 5000) Integer> keys)
            throws RuleException {
        Match m = match("--hashlimit-upto 1/hour --hashlimit-burst 2 --hashlimit-mode srcip,srcport"
                + " --hashlimit-htable-expire 10000 --hashlimit-name p");
        List<Integer> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(keys));
        for (int round = 0; round < 2; round++) {
            double t = round * 100;
            for (int k : distinct) {
                assertTrue(m.matches(udp("10.1." + (k >> 8) + "." + (k & 255), k, "10.0.1.1", 53, t)));
            }
            for (int k : distinct) {
                assertTrue(m.matches(udp("10.1." + (k >> 8) + "." + (k & 255), k, "10.0.1.1", 53, t)));
                assertFalse(m.matches(udp("10.1." + (k >> 8) + "." + (k & 255), k, "10.0.1.1", 53, t)));
            }
            // in round 1 every entry had expired: all were collected and made again
            assertEquals(distinct.size(), ((HashlimitMatch) m).table().size());
        }
    }

    @Test
    void perPacketPathDoesNotAllocate() throws RuleException {
        Match m = match("--hashlimit-upto 1000/sec --hashlimit-mode srcip,dstport --hashlimit-name t");
        PacketView[] packets = new PacketView[64];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = udp("10.0.0." + i, 1, "10.0.1.1", 53, 0);
        }
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            packets[i & 63].timeNanos(i * 100_000L);
            m.matches(packets[i & 63]);
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 20_000; i < 120_000; i++) {
            packets[i & 63].timeNanos(i * 100_000L);
            m.matches(packets[i & 63]);
        }
        assertTrue(bean.getCurrentThreadAllocatedBytes() - before < 65536);
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = HashlimitTest.class.getResourceAsStream("/help-hashlimit.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new HashlimitExtension().help());
        }
    }

    @Test
    void listsVerboseAsIptables() {
        // iptables -L -v -n: the counters and interfaces, then the same text as -L -n
        String line = RuleTester.filter().listed("-m hashlimit --hashlimit-upto 100/min --hashlimit-name foo"
                + " --hashlimit-mode srcip,dstport --hashlimit-burst 7 --hashlimit-srcmask 24", true);
        assertTrue(line.endsWith("0.0.0.0/0            limit: up to 100/min burst 7 mode srcip-dstport srcmask 24"),
                line);
    }
}
