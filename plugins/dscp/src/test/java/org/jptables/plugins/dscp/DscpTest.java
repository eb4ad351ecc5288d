package org.jptables.plugins.dscp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jptables.api.ListingFormat;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class DscpTest {
    /** A match from (option, argument, inverted) triples given as words: "--dscp", "46", "!". */
    private static DscpMatch match(String... words) throws RuleException {
        MatchBuilder b = new DscpExtension().newBuilder(TestContext.filterInput());
        for (int i = 0; i < words.length; i += 3) {
            b.option(words[i], List.of(words[i + 1]), words[i + 2].equals("!"));
        }
        return (DscpMatch) b.build();
    }

    private static String error(String... words) {
        return assertThrows(RuleException.class, () -> match(words)).getMessage();
    }

    private static String printed(DscpMatch m) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(true, null));
        return sb.toString();
    }

    private static String saved(DscpMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static PacketView withTos(int tos) {
        TestPackets p = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2);
        p.ipv4().tos(tos);
        return p.view();
    }

    @ParameterizedTest
    @CsvSource({
        "--dscp,0x2e,0x2e", "--dscp,46,0x2e", "--dscp,63,0x3f", "--dscp,077,0x3f", "--dscp,+5,0x05",
        "--dscp,' 5',0x05", "--dscp,0,0x00",
        "--dscp-class,EF,0x2e", "--dscp-class,ef,0x2e", "--dscp-class,BE,0x00", "--dscp-class,CS0,0x00",
        "--dscp-class,CS1,0x08", "--dscp-class,CS7,0x38", "--dscp-class,AF11,0x0a", "--dscp-class,AF12,0x0c",
        "--dscp-class,AF13,0x0e", "--dscp-class,AF21,0x12", "--dscp-class,AF33,0x1e", "--dscp-class,AF43,0x26",
        "--dscp-class,EFxyz,0x2e", "--dscp-class,cs1foo,0x08"
    })
    void values(String option, String arg, String hex) throws RuleException {
        DscpMatch m = match(option, arg, "");
        assertEquals(Integer.decode(hex), m.dscp());
        assertEquals(" DSCP match " + hex, printed(m));
        assertEquals(" --dscp " + hex, saved(m));
        DscpMatch inverted = match(option, arg, "!");
        assertEquals(" DSCP match !" + hex, printed(inverted));
        assertEquals(" ! --dscp " + hex, saved(inverted));
    }

    @ParameterizedTest
    @CsvSource({"64", "-1", "x", "0x2ex", "''", "'5 '"})
    void badValues(String arg) {
        assertEquals("dscp: bad value for option \"--dscp\", or out of range (0-63).\n", error("--dscp", arg, ""));
    }

    @ParameterizedTest
    @CsvSource({"CS8", "AF44", "AF1", "bogus", "''"})
    void badClasses(String arg) {
        assertEquals("Invalid DSCP value `" + arg + "'", error("--dscp-class", arg, ""));
    }

    @Test
    void oneOfTheTwo() {
        String both = "dscp: option \"--dscp\" cannot be used together with \"--dscp-class\".\n";
        assertEquals(both, error("--dscp", "1", "", "--dscp-class", "EF", ""));
        assertEquals(both, error("--dscp-class", "EF", "", "--dscp", "1", ""));
        // the class is read before the conflict is seen
        assertEquals("Invalid DSCP value `bogus'", error("--dscp", "1", "", "--dscp-class", "bogus", ""));
        assertEquals("DSCP match: Parameter --dscp is required", error());
    }

    @Test
    void matchesTheUpperSixBits() throws RuleException {
        DscpMatch ef = match("--dscp-class", "EF", "");
        assertTrue(ef.matches(withTos(0xb8)));
        assertTrue(ef.matches(withTos(0xbb)));
        assertFalse(ef.matches(withTos(0x2e)));
        assertFalse(match("--dscp-class", "EF", "!").matches(withTos(0xb8)));
        assertTrue(match("--dscp-class", "EF", "!").matches(withTos(0x00)));
    }

    @Property
    void matchesExactlyItsCodePoint(@ForAll @IntRange(max = 255) int tos, @ForAll @IntRange(max = 63) int dscp,
                                    @ForAll boolean inverted) throws RuleException {
        DscpMatch m = match("--dscp", Integer.toString(dscp), inverted ? "!" : "");
        assertEquals((tos >> 2 == dscp) != inverted, m.matches(withTos(tos)));
        assertEquals(String.format(" DSCP match %s0x%02x", inverted ? "!" : "", dscp), printed(m));
    }

    @Test
    void wholeRules() {
        RuleTester t = RuleTester.of("mangle", "PREROUTING");
        assertTrue(t.matches("-m dscp --dscp-class AF41", withTos(0x22 << 2)));
        assertFalse(t.matches("-m dscp ! --dscp-class AF41", withTos(0x22 << 2)));
        assertEquals("dscp: option \"--dscp\" can only be used once.", t.error("-m dscp --dscp 1 --dscp 2"));
    }

    @Test
    void placementAndHelp() throws Exception {
        assertEquals(Placement.ANYWHERE, new DscpExtension().placement());
        try (InputStream in = DscpTest.class.getResourceAsStream("/help-dscp.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new DscpExtension().help());
        }
    }
}
