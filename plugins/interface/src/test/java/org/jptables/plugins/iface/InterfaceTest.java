package org.jptables.plugins.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.api.RuleHeader;
import org.jptables.api.Verdict;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class InterfaceTest {
    private final RuleTester forward = RuleTester.of("filter", "FORWARD");

    private static Match build(String in, boolean inInv, String out, boolean outInv) throws RuleException {
        MatchBuilder b = new InterfaceExtension().newBuilder(TestContext.of("filter", "FORWARD"));
        if (in != null) {
            b.option("-i", List.of(in), inInv);
        }
        if (out != null) {
            b.option("-o", List.of(out), outInv);
        }
        return b.build();
    }

    /** The header fields a match describes, as text. */
    private static String described(Match m) {
        List<String> parts = new ArrayList<>();
        m.describe(new RuleHeader() {
            @Override
            public void protocol(int number, boolean inverted) {
                parts.add("p" + number);
            }

            @Override
            public void source(int address, int mask, boolean inverted) {
                parts.add("s");
            }

            @Override
            public void destination(int address, int mask, boolean inverted) {
                parts.add("d");
            }

            @Override
            public void inInterface(String name, boolean inverted) {
                parts.add((inverted ? "!" : "") + "i=" + name);
            }

            @Override
            public void outInterface(String name, boolean inverted) {
                parts.add((inverted ? "!" : "") + "o=" + name);
            }

            @Override
            public void fragment(boolean inverted) {
                parts.add("f");
            }
        });
        return String.join(" ", parts);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|Empty interface is likely to be undesired",
        "0123456789012345|interface name `0123456789012345' must be shorter than IFNAMSIZ (15)",
        "thisinterfaceistoolong0|interface name `thisinterfaceistoolong0' must be shorter than IFNAMSIZ (15)",
        "01234567890123+x|interface name `01234567890123+x' must be shorter than IFNAMSIZ (15)",
    })
    void refusesAsIptables(String name, String message) {
        assertEquals(message, assertThrows(RuleException.class, () -> build(name, false, null, false)).getMessage());
        assertEquals(message, assertThrows(RuleException.class, () -> build(null, false, name, true)).getMessage());
    }

    @Test
    void describesTheHeaderAndRendersNothingItself() throws RuleException {
        Match m = build("eth0", false, "ppp+", true);
        assertEquals("i=eth0 !o=ppp+", described(m));
        assertEquals("", described(build(null, false, null, false)));
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(true, null));
        m.save(sb);
        assertEquals("", sb.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-i 012345678901234|-A FORWARD -i 012345678901234",
        "-i 01234567890123+|-A FORWARD -i 01234567890123+",
        "--in-interface eth0 --out-interface eth1|-A FORWARD -i eth0 -o eth1",
        "-o eth1 -i eth0|-A FORWARD -i eth0 -o eth1",
        "! --in-interface eth0|-A FORWARD ! -i eth0",
        "-i eth/0|-A FORWARD -i eth/0",
        "-i !eth|-A FORWARD -i !eth",
        "-i +|-A FORWARD",
        "-o + -j ACCEPT|-A FORWARD -j ACCEPT",
    })
    void savesAsIptables(String rule, String saved) {
        assertEquals(saved, forward.saved(rule));
    }

    @Test
    void kernelRefusesTheWrongDirectionInBuiltinChains() {
        assertEquals("Can't use -o with INPUT", RuleTester.of("filter", "INPUT").error("-o eth0"));
        assertEquals("Can't use -o with PREROUTING", RuleTester.of("nat", "PREROUTING").error("-o eth0"));
        assertEquals("Can't use -i with OUTPUT", RuleTester.of("filter", "OUTPUT").error("-i eth0"));
        assertEquals("Can't use -i with POSTROUTING", RuleTester.of("nat", "POSTROUTING").error("-i eth0"));
        assertEquals("-A INPUT -i eth0", RuleTester.of("filter", "INPUT").saved("-i eth0"));
        assertEquals("-A OUTPUT -o eth0", RuleTester.of("filter", "OUTPUT").saved("-o eth0"));
        assertEquals("multiple -i flags not allowed", forward.error("-i eth0 -i eth1"));
    }

    @Test
    void matchesExactNamesWithTheirEnd() throws RuleException {
        Match m = build("eth0", false, null, false);
        assertTrue(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("eth0").view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("eth00").view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("eth").view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
        Match not = build("eth0", true, null, false);
        assertFalse(not.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("eth0").view()));
        assertTrue(not.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
    }

    @Test
    void matchesWildcardsAsPrefixes() throws RuleException {
        Match m = build(null, false, "eth+", false);
        assertTrue(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).out("eth").view()));
        assertTrue(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).out("eth12").view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).out("et").view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).out("wlan0").view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("eth0").view()));
        Match any = build("+", false, null, false);
        assertTrue(any.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
        assertTrue(any.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("lo").view()));
        Match none = build("+", true, null, false);
        assertFalse(none.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
        Match both = build("eth+", false, "ppp0", true);
        assertTrue(both.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("eth1").out("ppp1").view()));
        assertFalse(both.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("eth1").out("ppp0").view()));
    }

    @Test
    void throughTheEvaluationLoop() {
        assertEquals("DROP", Verdict.name(forward.verdict("-i eth+ -j DROP",
                TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("eth3").out("eth1").view())));
        assertEquals("ACCEPT", Verdict.name(forward.verdict("-i eth+ -j DROP",
                TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in("lo").out("eth1").view())));
    }

    @Property
    void wildcardIsPrefixCompare(@ForAll @AlphaChars @NumericChars @StringLength(min = 0, max = 14) String prefix,
                                 @ForAll @AlphaChars @NumericChars @StringLength(min = 0, max = 15) String device)
            throws RuleException {
        Match m = build(prefix + "+", false, null, false);
        boolean expected = device.startsWith(prefix);
        assertEquals(expected, m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in(device).view()));
        if (!prefix.isEmpty()) {
            Match exact = build(prefix, false, null, false);
            assertEquals(device.equals(prefix),
                    exact.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).in(device).view()));
        }
    }
}
