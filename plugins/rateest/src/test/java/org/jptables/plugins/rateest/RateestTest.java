package org.jptables.plugins.rateest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** The estimators on the packets' clock, the help texts, and what only the kernel refuses. */
class RateestTest {
    private static final long MS = 1_000_000L;
    private final TestContext context = TestContext.filterInput();

    private Target rateest(String name, String interval, String ewmalog) throws RuleException {
        TargetBuilder b = new RateestTargetExtension().newBuilder(context);
        b.option("--rateest-name", List.of(name), false);
        b.option("--rateest-interval", List.of(interval), false);
        b.option("--rateest-ewmalog", List.of(ewmalog), false);
        return b.build();
    }

    /** A match built from options as the parser hands them over: "--opt" or "--opt=value", "!" before to invert. */
    private Match match(String... options) throws RuleException {
        MatchBuilder b = new RateestExtension().newBuilder(context);
        for (String o : options) {
            boolean inverted = o.startsWith("!");
            String word = inverted ? o.substring(1) : o;
            int eq = word.indexOf('=');
            List<String> args = eq < 0 ? List.of() : List.of(word.substring(eq + 1));
            String name = eq < 0 ? word : word.substring(0, eq);
            // the parser hands over the declared name of an alias
            b.option(name.equals("--rateest") ? "--rateest1" : name, args, inverted);
        }
        return b.build();
    }

    /** A UDP packet of {@code total} bytes at {@code nanos}. */
    private static PacketView packet(int total, long nanos) {
        return TestPackets.udp("198.18.0.2", 1000, "198.18.0.1", 53).length(total - 28).view().timeNanos(nanos);
    }

    @Test
    void theFirstTickComesOneIntervalAfterTheFirstCountedPacket() throws RuleException {
        Target target = rateest("A", "250ms", "500ms");
        Match above199 = match("--rateest=A", "--rateest-gt", "--rateest-bps2=1592bit");
        Match above200 = match("--rateest=A", "--rateest-gt", "--rateest-bps2=1600bit");
        Match pps2 = match("--rateest=A", "--rateest-eq", "--rateest-pps2=2");
        assertEquals(Verdict.CONTINUE, target.apply(packet(100, 1000 * MS)));
        // no tick yet: the rate is 0
        assertFalse(above199.matches(packet(40, 1249 * MS)));
        // 100 bytes in 250 ms are 400 B/s; ewma_log 1 takes half of it: 200 B/s, 2 packets/s
        assertTrue(above199.matches(packet(40, 1250 * MS)));
        assertFalse(above200.matches(packet(40, 1250 * MS)));
        assertTrue(pps2.matches(packet(40, 1250 * MS)));
        // an empty interval halves it again: 100 B/s, 1 packet/s
        Match bytes100 = match("--rateest=A", "--rateest-eq", "--rateest-bps2=800bit");
        Match pps1 = match("--rateest=A", "--rateest-eq", "--rateest-pps2=1");
        assertTrue(bytes100.matches(packet(40, 1500 * MS)));
        assertTrue(pps1.matches(packet(40, 1700 * MS)));
    }

    @Test
    void aSteadyRateConvergesToItsValue() throws RuleException {
        Target target = rateest("A", "250ms", "500ms");
        // 4 packets of 125 bytes every 250 ms: 16 packets/s, 2000 B/s
        for (int i = 0; i < 400; i++) {
            target.apply(packet(125, i * 62_500_000L));
        }
        long now = 400 * 62_500_000L;
        assertTrue(match("--rateest=A", "--rateest-eq", "--rateest-pps2=16").matches(packet(40, now)));
        assertTrue(match("--rateest=A", "--rateest-eq", "--rateest-bps2=16000bit").matches(packet(40, now)));
        assertTrue(match("--rateest=A", "--rateest-lt", "--rateest-pps2=17", "--rateest-bps2=16008bit").matches(packet(40, now)));
        assertFalse(match("--rateest=A", "!--rateest-lt", "--rateest-pps2=17").matches(packet(40, now)));
    }

    @Test
    void deltaAndRelativeModesCompareTwoEstimators() throws RuleException {
        Target busy = rateest("busy", "250ms", "500ms");
        rateest("idle", "1s", "4s");
        for (int i = 0; i < 400; i++) {
            busy.apply(packet(125, i * 62_500_000L));
        }
        PacketView probe = packet(40, 400 * 62_500_000L);
        assertTrue(match("--rateest1=busy", "--rateest-gt", "--rateest-pps2", "--rateest2=idle").matches(probe));
        assertFalse(match("--rateest1=busy", "--rateest-lt", "--rateest-pps2", "--rateest2=idle").matches(probe));
        // (20 - 16) > (3 - 0), (18 - 16) > (3 - 0) not
        assertTrue(match("--rateest-delta", "--rateest1=busy", "--rateest-pps1=20", "--rateest-gt", "--rateest-pps2=3",
                "--rateest2=idle").matches(probe));
        assertFalse(match("--rateest-delta", "--rateest1=busy", "--rateest-pps1=18", "--rateest-gt", "--rateest-pps2=3",
                "--rateest2=idle").matches(probe));
        // a rate above the fixed one leaves 0, not less
        assertTrue(match("--rateest-delta", "--rateest=busy", "--rateest-pps1=5", "--rateest-eq", "--rateest-pps2=0")
                .matches(probe));
        // bytes and packets at once: both must hold
        assertFalse(match("--rateest=busy", "--rateest-gt", "--rateest-pps2=10", "--rateest-bps2=16000bit").matches(probe));
        assertTrue(match("--rateest=busy", "--rateest-gt", "--rateest-pps2=10", "--rateest-bps2=15992bit").matches(probe));
    }

    @Test
    void readingDoesNotChangeWhatLaterReadsSee() throws RuleException {
        Target a = rateest("a", "500ms", "2s");
        Target b = rateest("b", "500ms", "2s");
        Match readA = match("--rateest=a", "--rateest-gt", "--rateest-pps2=0");
        for (int i = 0; i < 50; i++) {
            a.apply(packet(1000, i * 130 * MS));
            b.apply(packet(1000, i * 130 * MS));
        }
        // a is read every 10 ms through the burst and a long silence, b only at the end
        for (long t = 0; t < 600_000 * MS; t += 10 * MS) {
            readA.matches(packet(40, 6500 * MS + t));
        }
        long end = 6500 * MS + 600_000 * MS;
        for (long pps = 0; pps < 10; pps++) {
            for (long bps = 0; bps < 3000; bps += 1) {
                boolean sameA = match("--rateest=a", "--rateest-eq", "--rateest-pps2=" + pps, "--rateest-bps2=" + bps * 8 + "bit")
                        .matches(packet(40, end));
                boolean sameB = match("--rateest=b", "--rateest-eq", "--rateest-pps2=" + pps, "--rateest-bps2=" + bps * 8 + "bit")
                        .matches(packet(40, end));
                assertEquals(sameA, sameB, pps + " pps, " + bps + " B/s");
            }
        }
    }

    @Test
    void anEstimatorIsFoundByNameAndSharedOnlyWithTheSameParameters() throws RuleException {
        Target first = rateest("shared", "1s", "8s");
        Target second = rateest("shared", "1000ms", "8000ms");
        first.apply(packet(100, 0));
        second.apply(packet(100, 1));
        // both counted into one estimator: 2 packets in the first second, ewma_log 3 keeps 1/8
        Match quarter = match("--rateest=shared", "--rateest-eq", "--rateest-bps2=200bit", "--rateest-pps2=0");
        assertTrue(quarter.matches(packet(40, 1000 * MS)));
        RuleException other = assertThrows(RuleException.class, () -> rateest("shared", "2s", "8s"));
        assertTrue(other.isKernelRefusal());
        assertEquals("Invalid argument. Run `dmesg' for more information.", other.getMessage());
        RuleException missing = assertThrows(RuleException.class, () -> match("--rateest=nobody", "--rateest-lt", "--rateest-pps2"));
        assertTrue(missing.isKernelRefusal());
        assertEquals("No chain/target/match by that name.", missing.getMessage());
    }

    @Test
    void aRuleFindsEstimatorsOfEarlierRulesOnly() {
        RuleTester filter = RuleTester.filter();
        assertEquals(new RuleTester.Failure(1, "No chain/target/match by that name."),
                filter.failure("-j RATEEST --rateest-name X --rateest-interval 1s --rateest-ewmalog 4s"
                        + " -m rateest --rateest X --rateest-lt --rateest-pps 3"));
        assertEquals("-A INPUT -m rateest --rateest X --rateest-lt --rateest-pps 3",
                RuleTester.filter().after("-t mangle -A FORWARD -j RATEEST --rateest-name X --rateest-interval 1s --rateest-ewmalog 4s")
                        .saved("-m rateest --rateest X --rateest-lt --rateest-pps 3"));
    }

    @Test
    void aSavedRuleMayNameAnEstimatorARuleFurtherOnMakes() throws RuleException {
        // the state file holds what the kernel accepted one rule at a time: -I put the match first
        MatchBuilder saved = new RateestExtension().newBuilder(new SavedRule(context));
        saved.option("--rateest1", List.of("later"), false);
        saved.option("--rateest-gt", List.of(), false);
        saved.option("--rateest-pps2", List.of("0"), false);
        Match early = saved.build();
        assertFalse(early.matches(packet(40, 0)));
        Target later = rateest("later", "250ms", "500ms");
        later.apply(packet(100, 0));
        assertTrue(early.matches(packet(40, 250 * MS)));
        // a rule given now is held to the kernel's check
        RuleException refused = assertThrows(RuleException.class, () -> match("--rateest=elsewhere", "--rateest-lt", "--rateest-pps2"));
        assertEquals("No chain/target/match by that name.", refused.getMessage());
    }

    /** The test's context, as for a rule read back from the saved ruleset. */
    private record SavedRule(TestContext context) implements org.jptables.api.RuleContext {
        @Override public boolean savedRule() { return true; }
        @Override public String table() { return context.table(); }
        @Override public String chain() { return context.chain(); }
        @Override public int protocol() { return context.protocol(); }
        @Override public boolean protocolInverted() { return context.protocolInverted(); }
        @Override public void declareProtocol(int protocol, boolean inverted) { context.declareProtocol(protocol, inverted); }
        @Override public org.jptables.api.Names names() { return context.names(); }
        @Override public <T> T shared(String key, java.util.function.Supplier<T> factory) { return context.shared(key, factory); }
    }

    @Test
    void countingAndComparingAllocateNothing() throws RuleException {
        Target target = rateest("hot", "250ms", "500ms");
        Match match = match("--rateest-delta", "--rateest=hot", "--rateest-pps1=100", "--rateest-bps1=8000000bit",
                "--rateest-gt", "--rateest-pps2=3", "--rateest-bps2=800bit");
        PacketView p = packet(100, 0);
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        for (int i = 0; i < 20_000; i++) {
            p.timeNanos(i * MS);
            target.apply(p);
            match.matches(p);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 20_000; i < 1_020_000; i++) {
            p.timeNanos(i * MS);
            target.apply(p);
            match.matches(p);
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        // a single object per packet would be 16 MB and more; the JIT's own noise is a few KB
        assertTrue(allocated < 1_000_000, "allocated " + allocated + " bytes for a million packets");
    }

    @Test
    void helpIsIptables() throws IOException {
        assertEquals(resource("/help-rateest.txt"), new RateestExtension().help());
        assertEquals(resource("/help-RATEEST.txt"), new RateestTargetExtension().help());
    }

    @Test
    void printsRatesAsPrintfRoundsThem() {
        StringBuilder out = new StringBuilder();
        // 8000500000 bits: 8000.5 Mbit, a tie printf rounds to even
        ByteRate.print(1000062500L, false, out);
        ByteRate.print(1000187500L, false, out);
        assertEquals(" 8000Mbit 8002Mbit", out.toString());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RateestTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
