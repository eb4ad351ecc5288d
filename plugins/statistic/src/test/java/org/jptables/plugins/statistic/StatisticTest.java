package org.jptables.plugins.statistic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class StatisticTest {
    private final RuleTester t = RuleTester.filter();
    private static final PacketView PACKET = TestPackets.tcp("192.0.2.1", 1000, "198.18.0.1", 80).view();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--mode random --probability 0.5|--mode random --probability 0.50000000000|statistic mode random probability 0.50000000000",
        "--mode random --probability 0.50000000000|--mode random --probability 0.50000000000|statistic mode random probability 0.50000000000",
        "--mode random ! --probability 0.1|--mode random ! --probability 0.10000000009|statistic mode random ! probability 0.10000000009",
        "--mode random --probability 0.333333|--mode random --probability 0.33333300008|statistic mode random probability 0.33333300008",
        "--mode random --probability 1|--mode random --probability 1.00000000000|statistic mode random probability 1.00000000000",
        "--mode random --probability 0|--mode random --probability 0.00000000000|statistic mode random probability 0.00000000000",
        "--mode random --probability 1e-10|--mode random --probability 0.00000000000|statistic mode random probability 0.00000000000",
        "--mode random --probability 0.9999999999|--mode random --probability 1.00000000000|statistic mode random probability 1.00000000000",
        "--mode random --probability 0x0.8|--mode random --probability 0.50000000000|statistic mode random probability 0.50000000000",
        "--mode random --probability 0.33333333349|--mode random --probability 0.33333333349|statistic mode random probability 0.33333333349",
        "--mode random --probability 0.2|--mode random --probability 0.20000000019|statistic mode random probability 0.20000000019",
        "--mode random --probability 0.0000000005|--mode random --probability 0.00000000047|statistic mode random probability 0.00000000047",
        "--mode random --probability 0.0000000002|--mode random --probability 0.00000000000|statistic mode random probability 0.00000000000",
        "--mode random --probability 0.0000000007|--mode random --probability 0.00000000093|statistic mode random probability 0.00000000093",
        "--mode random --probability 0.99999999|--mode random --probability 0.99999999022|statistic mode random probability 0.99999999022",
        "--mode random --probability 0.142857|--mode random --probability 0.14285700023|statistic mode random probability 0.14285700023",
        "--mode nth ! --every 3 --packet 2|--mode nth ! --every 3 --packet 2|statistic mode nth ! every 3 packet 2",
        "--mode nth --every 1 --packet 0|--mode nth --every 1 --packet 0|statistic mode nth every 1",
        "--mode nth --every 4 --packet 0|--mode nth --every 4 --packet 0|statistic mode nth every 4",
    })
    void savesAndListsAsIptables(String options, String saved, String listed) {
        assertEquals("-A INPUT -m statistic " + saved, t.saved("-m statistic " + options));
        assertTrue(t.listed("-m statistic " + options, true).endsWith(" " + listed),
                () -> t.listed("-m statistic " + options, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--mode random --probability 1.1|statistic: bad value for option \"--probability\", or out of range (0-1).",
        "--mode random --probability -0.1|statistic: bad value for option \"--probability\", or out of range (0-1).",
        "--mode random --probability abc|statistic: bad value for option \"--probability\", or out of range (0-1).",
        "--mode random --probability 0.5abc|statistic: bad value for option \"--probability\", or out of range (0-1).",
        "--mode random|--probability must be specified when using random mode",
        "--mode nth --every 3|statistic: option \"--every\" also requires \"--packet\".",
        "--mode nth --every 3 --packet 3|the --packet p must be 0 <= p <= n-1",
        "--mode nth --every 0|statistic: bad value for option \"--every\", or out of range (1-4294967295).",
        "--mode nth --every abc|statistic: bad value for option \"--every\", or out of range (1-4294967295).",
        "--mode nth --every 4294967296|statistic: bad value for option \"--every\", or out of range (1-4294967295).",
        "--mode nth --every 4294967295|statistic: option \"--every\" also requires \"--packet\".",
        "--mode nth --packet 1|the --packet p must be 0 <= p <= n-1",
        "--mode nth|--every and --packet must be specified when using nth mode",
        "--mode foo|Bad mode \"foo\"",
        "--probability 0.5|statistic: option \"--mode\" must be specified",
        "--every 2|--probability must be specified when using random mode",
        "--mode random --every 2|--probability must be specified when using random mode",
        "--mode nth --every 2 --probability 0.5|statistic: option \"--probability\" cannot be used together with \"--every\".",
        "--mode random --probability 0.5 --packet 1|statistic: option \"--probability\" cannot be used together with \"--packet\".",
        "! --mode random --probability 0.5|statistic: option \"--mode\" cannot be inverted.",
    })
    void refusesAsIptables(String options, String message) {
        assertEquals(message, t.error("-m statistic " + options).strip());
    }

    private static Match build(String... words) throws RuleException {
        MatchBuilder b = new StatisticExtension().newBuilder(null);
        for (int i = 0; i < words.length; i += 2) {
            boolean inv = words[i].startsWith("!");
            b.option(inv ? words[i].substring(1) : words[i], List.of(words[i + 1]), inv);
        }
        return b.build();
    }

    private static String pattern(Match m, int packets) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < packets; i++) {
            sb.append(m.matches(PACKET) ? 'x' : '.');
        }
        return sb.toString();
    }

    @Test
    void nthCountsAsTheKernel() throws RuleException {
        assertEquals("x..x..x..", pattern(build("--mode", "nth", "--every", "3", "--packet", "0"), 9));
        assertEquals(".x..x..x.", pattern(build("--mode", "nth", "--every", "3", "--packet", "1"), 9));
        assertEquals("..x..x..x", pattern(build("--mode", "nth", "--every", "3", "--packet", "2"), 9));
        assertEquals("xxxx", pattern(build("--mode", "nth", "--every", "1", "--packet", "0"), 4));
        assertEquals(".xx.xx", pattern(build("--mode", "nth", "!--every", "3", "--packet", "0"), 6));
    }

    @Test
    void nthRulesCountIndependently() throws RuleException {
        Match a = build("--mode", "nth", "--every", "2", "--packet", "0");
        Match b = build("--mode", "nth", "--every", "2", "--packet", "0");
        assertEquals("x.", pattern(a, 2));
        assertEquals("x", pattern(b, 1));
    }

    @Test
    void randomFollowsTheProbability() throws RuleException {
        Match half = new RandomMatch(Probability.parse("0.5"), false, 42);
        int hits = 0;
        for (int i = 0; i < 100_000; i++) {
            hits += half.matches(PACKET) ? 1 : 0;
        }
        assertEquals(50_000, hits, 1_000);
        Match tenth = new RandomMatch(Probability.parse("0.1"), true, 7);
        hits = 0;
        for (int i = 0; i < 100_000; i++) {
            hits += tenth.matches(PACKET) ? 1 : 0;
        }
        assertEquals(90_000, hits, 1_000);
    }

    @Test
    void randomExtremes() throws RuleException {
        assertEquals("xxxxxxxxxx", pattern(build("--mode", "random", "--probability", "1"), 10));
        assertEquals("..........", pattern(build("--mode", "random", "--probability", "0"), 10));
        assertEquals("xxxxxxxxxx", pattern(build("--mode", "random", "!--probability", "0"), 10));
    }

    @Test
    void fixedPointRounding() throws RuleException {
        assertEquals(0x40000000L, Probability.parse("0.5"));
        assertEquals(214748365L, Probability.parse("0.1"));
        assertEquals("0.10000000009", Probability.format(214748365L));
        assertEquals("0.00000000047", Probability.format(1));
        assertEquals(1L, Probability.parse("0.0000000005"));
    }

    @Test
    void perPacketPathDoesNotAllocate() throws RuleException {
        Match r = build("--mode", "random", "--probability", "0.3");
        Match n = build("--mode", "nth", "--every", "7", "--packet", "3");
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            r.matches(PACKET);
            n.matches(PACKET);
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            r.matches(PACKET);
            n.matches(PACKET);
        }
        // One-off allocations (JIT, class loading) are allowed; one object per packet would be
        // at least 16 bytes x 100000 calls.
        assertTrue(bean.getCurrentThreadAllocatedBytes() - before < 65536);
    }

    @Test
    void help() {
        assertTrue(new StatisticExtension().help().contains("[!] --probability p\t\t Probability\n"));
    }
}
