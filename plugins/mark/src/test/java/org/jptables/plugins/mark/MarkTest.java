package org.jptables.plugins.mark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class MarkTest {
    private static final String BAD_INTEGER = "bad integer value for option \"%s\", or out of range.\n";

    private static Match match(String arg, boolean inverted) throws RuleException {
        MatchBuilder b = new MarkExtension().newBuilder(TestContext.filterInput());
        b.option("--mark", List.of(arg), inverted);
        return b.build();
    }

    /** A MARK target from {@code --option arg} pairs. */
    private static Target target(String... words) throws RuleException {
        TargetBuilder b = new MarkTargetExtension().newBuilder(TestContext.of("mangle", "PREROUTING"));
        for (int i = 0; i < words.length; i += 2) {
            b.option(words[i], List.of(words[i + 1]), false);
        }
        return b.build();
    }

    private static String targetError(String... words) {
        return assertThrows(RuleException.class, () -> target(words)).getMessage();
    }

    private static String matchError(String arg) {
        return assertThrows(RuleException.class, () -> match(arg, false)).getMessage();
    }

    private static String saved(Target t) {
        StringBuilder sb = new StringBuilder();
        t.save(sb);
        return sb.toString();
    }

    private static String printed(Target t) {
        StringBuilder sb = new StringBuilder();
        t.print(sb, new ListingFormat(true, null));
        return sb.toString();
    }

    private static String saved(Match m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static String printed(Match m, boolean numeric) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(numeric, null));
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--set-mark|0x19|0x19/0xffffffff|set 0x19",
        "--set-mark|25|0x19/0xffffffff|set 0x19",
        "--set-mark|0x19/0xff|0x19/0xff|xset 0x19/0xff",
        "--set-xmark|0x35/0xff|0x35/0xff|xset 0x35/0xff",
        "--set-xmark|0x35|0x35/0xffffffff|set 0x35",
        "--and-mark|0xf0|0x0/0xffffff0f|and 0xf0",
        "--or-mark|0xf0|0xf0/0xf0|or 0xf0",
        "--xor-mark|0xf0|0xf0/0x0|xor 0xf0",
        "--set-mark|0|0x0/0xffffffff|and 0x0",
        "--and-mark|0|0x0/0xffffffff|and 0x0",
        "--or-mark|0|0x0/0x0|and 0xffffffff",
        "--xor-mark|0|0x0/0x0|and 0xffffffff",
        "--set-mark|0/0|0x0/0x0|and 0xffffffff",
        "--set-xmark|0/0|0x0/0x0|and 0xffffffff",
        "--set-mark|1/0|0x1/0x1|or 0x1",
        "--and-mark|0xffffffff|0x0/0x0|and 0xffffffff",
        "--set-xmark|0x1/0x0|0x1/0x0|xor 0x1",
        "--set-mark|010|0x8/0xffffffff|set 0x8",
        "--set-mark|+1|0x1/0xffffffff|set 0x1",
        "--set-mark|' 1'|0x1/0xffffffff|set 0x1",
        "--set-mark|1/0xffffffff|0x1/0xffffffff|set 0x1",
        "--set-xmark|0xff/0x0f|0xff/0xf|xset 0xff/0xf",
        "--and-mark|' 1'|0x0/0xfffffffe|and 0x1",
        "--set-xmark|0xfeedcafe/0xfeedcafe|0xfeedcafe/0xfeedcafe|or 0xfeedcafe",
        "--set-xmark|4294967295|0xffffffff/0xffffffff|or 0xffffffff",
    })
    void targetSavesAndPrintsAsIptables(String option, String arg, String pair, String listed) throws RuleException {
        Target t = target(option, arg);
        assertEquals(" --set-xmark " + pair, saved(t));
        assertEquals(" MARK " + listed, printed(t));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--set-mark|x", "--set-mark|1/x", "--set-mark|4294967296", "--set-mark|1/4294967296", "--set-mark|''",
        "--set-mark|1/", "--set-mark|/1", "--set-mark|-1", "--set-xmark|4294967296", "--set-xmark|-1",
        "--set-xmark|1/-1",
    })
    void targetRefusesBadIntegers(String option, String arg) {
        assertEquals("MARK: " + BAD_INTEGER.formatted(option), targetError(option, arg));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"--set-mark|1x", "--set-xmark|1/2x", "--set-mark|1/2/3", "--set-mark|08", "--set-mark|0x",
        "--set-mark|'1 '"})
    void targetRefusesTrailingGarbage(String option, String arg) {
        assertEquals("MARK: trailing garbage after value for option \"" + option + "\".\n", targetError(option, arg));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"--and-mark|1/2", "--or-mark|x", "--xor-mark|4294967296", "--and-mark|-1",
        "--or-mark|''", "--xor-mark|1x"})
    void targetRefusesBadBits(String option, String arg) {
        assertEquals("MARK: bad value for option \"" + option + "\", or out of range (0-4294967295).\n",
                targetError(option, arg));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--set-mark|0x19|--or-mark|1|--set-mark|--or-mark",
        "--set-xmark|1|--xor-mark|2|--set-xmark|--xor-mark",
        "--and-mark|1|--set-xmark|2|--set-xmark|--and-mark",
        "--set-mark|1|--set-xmark|2|--set-xmark|--set-mark",
        "--xor-mark|1|--or-mark|2|--or-mark|--xor-mark",
    })
    void targetOptionsExcludeEachOther(String o1, String a1, String o2, String a2, String first, String other) {
        assertEquals("MARK: option \"" + first + "\" cannot be used together with \"" + other + "\".\n",
                targetError(o1, a1, o2, a2));
    }

    @Test
    void targetNeedsAnOption() {
        assertEquals("MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required", targetError());
        assertEquals("MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required",
                RuleTester.filter().error("-j MARK"));
    }

    @Test
    void badValueIsReportedBeforeAConflict() {
        assertEquals("MARK: bad value for option \"--or-mark\", or out of range (0-4294967295).\n",
                targetError("--set-mark", "1", "--or-mark", "x"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0x19|false|' --mark 0x19'|' mark match 0x19'",
        "0x19/0xff|true|' ! --mark 0x19/0xff'|' mark match ! 0x19/0xff'",
        "0xff/0xf|false|' --mark 0xff/0xf'|' mark match 0xff/0xf'",
        "1/0xffffffff|false|' --mark 0x1'|' mark match 0x1'",
        "25/255|false|' --mark 0x19/0xff'|' mark match 0x19/0xff'",
        "' 1/ +2'|false|' --mark 0x1/0x2'|' mark match 0x1/0x2'",
        "0|true|' ! --mark 0x0'|' mark match ! 0x0'",
        "4294967295/0|false|' --mark 0xffffffff/0x0'|' mark match 0xffffffff/0x0'",
    })
    void matchSavesAndPrintsAsIptables(String arg, boolean inverted, String save, String print) throws RuleException {
        Match m = match(arg, inverted);
        assertEquals(save, saved(m));
        assertEquals(print, printed(m, true));
        assertEquals(print, printed(m, false));
    }

    @Test
    void matchRefusesAsIptables() {
        assertEquals("mark: trailing garbage after value for option \"--mark\".\n", matchError("1x"));
        assertEquals("mark: trailing garbage after value for option \"--mark\".\n", matchError("1/2x"));
        assertEquals("mark: " + BAD_INTEGER.formatted("--mark"), matchError("x"));
        assertEquals("mark: " + BAD_INTEGER.formatted("--mark"), matchError("0x100000000"));
        assertEquals("mark: " + BAD_INTEGER.formatted("--mark"), matchError("1/-2"));
    }

    @Test
    void matchComparesTheMaskedMark() throws RuleException {
        Match m = match("0x10/0xf0", false);
        assertTrue(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(0x1f).view()));
        assertTrue(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(0xff10).view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(0x20).view()));
        assertFalse(match("0x10/0xf0", true).matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(0x1f).view()));
        // the value is not masked when read: this never matches
        Match never = match("0xff/0xf", false);
        for (int mark : new int[] {0, 0xf, 0xff, -1}) {
            assertFalse(never.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(mark).view()));
        }
        assertTrue(match("0xffffffff", false).matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(-1).view()));
    }

    @Test
    void targetSetsTheMarkAndContinues() throws RuleException {
        PacketView p = TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(0x1234).view();
        assertEquals(Verdict.CONTINUE, target("--set-mark", "0x19").apply(p));
        assertEquals(0x19, p.mark());
        target("--or-mark", "0xf00").apply(p);
        assertEquals(0xf19, p.mark());
        target("--and-mark", "0xff").apply(p);
        assertEquals(0x19, p.mark());
        target("--xor-mark", "0x11").apply(p);
        assertEquals(0x08, p.mark());
        target("--set-mark", "0x30/0xf0").apply(p);
        assertEquals(0x38, p.mark());
        target("--set-xmark", "0x3/0xf").apply(p);
        assertEquals(0x33, p.mark());
    }

    @Property
    void targetIsXmarkOfItsPair(@ForAll int mark, @ForAll int value, @ForAll int mask) throws RuleException {
        String v = Integer.toUnsignedString(value);
        String m = Integer.toUnsignedString(mask);
        int[][] expectations = {
            {(mark & ~mask) ^ value},
            {(mark & ~(value | mask)) ^ value},
            {mark & value},
            {mark | value},
            {mark ^ value},
        };
        Target[] targets = {
            target("--set-xmark", v + "/" + m), target("--set-mark", v + "/" + m), target("--and-mark", v),
            target("--or-mark", v), target("--xor-mark", v),
        };
        for (int i = 0; i < targets.length; i++) {
            PacketView p = TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2).mark(mark).view();
            assertEquals(Verdict.CONTINUE, targets[i].apply(p));
            assertEquals(expectations[i][0], p.mark(), "target " + i);
        }
    }

    @Property
    void matchIsMaskedEquality(@ForAll int mark, @ForAll int value, @ForAll int mask) throws RuleException {
        Match m = match("0x" + Integer.toHexString(value) + "/0" + Integer.toOctalString(mask), false);
        boolean expected = (mark & mask) == value;
        assertEquals(expected, m.matches(TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2).mark(mark).view()));
    }

    @Test
    void placementAndHelp() {
        assertEquals(Placement.ANYWHERE, new MarkTargetExtension().placement());
        assertEquals(Placement.ANYWHERE, new MarkExtension().placement());
        assertEquals(2, new MarkTargetExtension().revision());
        assertEquals(1, new MarkExtension().revision());
        assertEquals("mark match options:\n[!] --mark value[/mask]    Match nfmark value with optional mask\n",
                new MarkExtension().help());
        assertTrue(new MarkTargetExtension().help().startsWith("MARK target options:\n  --set-xmark value[/mask]  "));
    }

    @Test
    void throughTheKernel() {
        assertEquals("-A INPUT -j MARK --set-xmark 0x1/0xffffffff", RuleTester.filter().saved("-j MARK --set-mark 1"));
        assertEquals("-A PREROUTING -j MARK --set-xmark 0x1/0xffffffff",
                RuleTester.of("nat", "PREROUTING").saved("-j MARK --set-mark 1"));
        assertEquals("-A OUTPUT -j MARK --set-xmark 0x1/0x1", RuleTester.of("raw", "OUTPUT").saved("-j MARK --or-mark 1"));
        assertEquals("-A OUTPUT -m mark --mark 0x1", RuleTester.of("nat", "OUTPUT").saved("-m mark --mark 1"));
        assertEquals("-A INPUT -m mark ! --mark 0x19/0xff -j MARK --set-xmark 0x0/0xffffff0f",
                RuleTester.filter().saved("-m mark ! --mark 25/255 -j MARK --and-mark 0xf0"));
        assertTrue(RuleTester.filter().listed("-m mark --mark 0x19 -j MARK --set-mark 0x35/0xff", true)
                .endsWith(" mark match 0x19 MARK xset 0x35/0xff"));
        assertEquals("mark: option \"--mark\" must be specified", RuleTester.filter().error("-m mark").strip());
        assertEquals("MARK: option \"--set-mark\" cannot be inverted.",
                RuleTester.filter().error("-j MARK ! --set-mark 1").strip());
        PacketView p = TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(0xff).view();
        assertEquals("ACCEPT", RuleTester.filter().verdictName("-j MARK --and-mark 0x0f", p));
        assertEquals(0x0f, p.mark());
        assertTrue(RuleTester.filter().matches("-m mark --mark 0xf/0xf",
                TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(0xff).view()));
    }
}
