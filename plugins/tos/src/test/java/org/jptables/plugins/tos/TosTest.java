package org.jptables.plugins.tos;

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
class TosTest {
    private static TosMatch match(String arg, boolean inverted) throws RuleException {
        MatchBuilder b = new TosExtension().newBuilder(TestContext.filterInput());
        b.option("--tos", List.of(arg), inverted);
        return (TosMatch) b.build();
    }

    private static String printed(TosMatch m, boolean numeric) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(numeric, null));
        return sb.toString();
    }

    private static String saved(TosMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static PacketView withTos(int tos) {
        TestPackets p = TestPackets.udp("192.0.2.1", 1, "192.0.2.2", 2);
        p.ipv4().tos(tos);
        return p.view();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "Minimize-Delay|0x10/0x3f| tos match Minimize-Delay",
        "minimize-delay|0x10/0x3f| tos match Minimize-Delay",
        "MAXIMIZE-THROUGHPUT|0x08/0x3f| tos match Maximize-Throughput",
        "Maximize-Reliability|0x04/0x3f| tos match Maximize-Reliability",
        "Minimize-Cost|0x02/0x3f| tos match Minimize-Cost",
        "Normal-Service|0x00/0x3f| tos match Normal-Service",
        "0x08/0x3f|0x08/0x3f| tos match Maximize-Throughput",
        "16|0x10/0xff| tos match0x10/0xff",
        "010|0x08/0xff| tos match0x08/0xff",
        "3/7|0x03/0x07| tos match0x03/0x07",
        " 5|0x05/0xff| tos match0x05/0xff",
        "+5|0x05/0xff| tos match0x05/0xff",
        "0x1f/0x3f|0x1f/0x3f| tos match0x1f/0x3f",
        "0xff/0x3f|0xff/0x3f| tos match0xff/0x3f",
    })
    void readsAndShows(String arg, String pair, String listed) throws RuleException {
        TosMatch m = match(arg, false);
        assertEquals(" --tos " + pair, saved(m));
        assertEquals(listed, printed(m, false));
        assertEquals(" tos match" + pair, printed(m, true));
    }

    @Test
    void inverted() throws RuleException {
        TosMatch m = match("Minimize-Delay", true);
        assertEquals(" ! --tos 0x10/0x3f", saved(m));
        assertEquals(" tos match! Minimize-Delay", printed(m, false));
        assertEquals(" tos match!0x10/0x3f", printed(m, true));
        assertEquals(" tos match!0xff/0xff", printed(match("0xff", true), false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0x100|Symbolic name \"0x100\" is unknown",
        "-1|Symbolic name \"-1\" is unknown",
        "Minimize|Symbolic name \"Minimize\" is unknown",
        "/0x10|Symbolic name \"/0x10\" is unknown",
        "''|Symbolic name \"\" is unknown",
        "0x10/0x100|Illegal value: \"0x10/0x100\"",
        "0x10/|Illegal value: \"0x10/\"",
        "0x10x|Illegal value: \"0x10x\"",
        "1/2x|Illegal value: \"1/2x\"",
        "0x10/0x3f/1|Illegal value: \"0x10/0x3f/1\"",
    })
    void refused(String arg, String message) {
        assertEquals(message, assertThrows(RuleException.class, () -> match(arg, false)).getMessage());
    }

    @Test
    void matchesUnderTheMask() throws RuleException {
        TosMatch delay = match("Minimize-Delay", false);
        assertTrue(delay.matches(withTos(0x10)));
        // the two top bits are outside the 0x3f mask of a symbol
        assertTrue(delay.matches(withTos(0xd0)));
        assertFalse(delay.matches(withTos(0x13)));
        assertTrue(delay.matches(withTos(0x50)));
        assertFalse(delay.matches(withTos(0x18)));
        assertFalse(delay.matches(withTos(0x00)));
        assertFalse(match("Minimize-Delay", true).matches(withTos(0x10)));
        assertTrue(match("Minimize-Delay", true).matches(withTos(0x08)));
        assertFalse(match("0x10", false).matches(withTos(0x11)));
    }

    @Property
    void matchIsMaskedEquality(@ForAll @IntRange(max = 255) int tos, @ForAll @IntRange(max = 255) int value,
                               @ForAll @IntRange(max = 255) int mask, @ForAll boolean inverted) throws RuleException {
        TosMatch m = match(value + "/" + mask, inverted);
        assertEquals(((tos & mask) == value) != inverted, m.matches(withTos(tos)));
        assertEquals(String.format(" --tos 0x%02x/0x%02x", value, mask), saved(m).replace(" !", ""));
    }

    @Test
    void wholeRules() {
        RuleTester t = RuleTester.of("mangle", "PREROUTING");
        assertTrue(t.matches("-m tos --tos 0x10", withTos(0x10)));
        assertFalse(t.matches("-m tos ! --tos 0x10", withTos(0x10)));
        assertEquals("tos: option \"--tos\" must be specified", t.error("-m tos"));
    }

    @Test
    void placementRevisionAndHelp() throws Exception {
        assertEquals(Placement.ANYWHERE, new TosExtension().placement());
        assertEquals(1, new TosExtension().revision());
        try (InputStream in = TosTest.class.getResourceAsStream("/help-tos.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TosExtension().help());
        }
    }
}
