package org.jptables.plugins.ttl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class TtlTest {
    private static MatchBuilder builder(String... optionValueInvert) throws RuleException {
        MatchBuilder b = new TtlExtension().newBuilder(TestContext.filterInput());
        for (int i = 0; i < optionValueInvert.length; i += 3) {
            b.option(optionValueInvert[i], List.of(optionValueInvert[i + 1]), optionValueInvert[i + 2].equals("!"));
        }
        return b;
    }

    private static TtlMatch match(String option, String value, boolean inverted) throws RuleException {
        return (TtlMatch) builder(option, value, inverted ? "!" : "").build();
    }

    private static String printed(TtlMatch m) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(false, null));
        return sb.toString();
    }

    private static String saved(TtlMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static boolean matchesTtl(TtlMatch m, int ttl) {
        TestPackets p = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2);
        p.ipv4().ttl(ttl);
        return m.matches(p.view());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ttl-eq|64|false|TTL match TTL == 64|--ttl-eq 64",
        "--ttl-eq|64|true|TTL match TTL != 64|! --ttl-eq 64",
        "--ttl-lt|10|false|TTL match TTL < 10|--ttl-lt 10",
        "--ttl-gt|0x0a|false|TTL match TTL > 10|--ttl-gt 10",
        "--ttl-eq|' 0'|false|TTL match TTL == 0|--ttl-eq 0",
        "--ttl-gt|255|false|TTL match TTL > 255|--ttl-gt 255",
    })
    void printAndSave(String option, String value, boolean inverted, String print, String save)
            throws RuleException {
        TtlMatch m = match(option, value, inverted);
        assertEquals(" " + print, printed(m));
        assertEquals(" " + save, saved(m));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ttl-eq|256|ttl: bad value for option \"--ttl-eq\", or out of range (0-255).",
        "--ttl-lt|abc|ttl: bad value for option \"--ttl-lt\", or out of range (0-255).",
        "--ttl-gt|-1|ttl: bad value for option \"--ttl-gt\", or out of range (0-255).",
        "--ttl-eq|64x|ttl: bad value for option \"--ttl-eq\", or out of range (0-255).",
        "--ttl-eq|''|ttl: bad value for option \"--ttl-eq\", or out of range (0-255).",
    })
    void badValues(String option, String value, String message) {
        assertEquals(message, assertThrows(RuleException.class, () -> match(option, value, false)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ttl-eq|--ttl-lt|ttl: option \"--ttl-lt\" cannot be used together with \"--ttl-eq\".",
        "--ttl-lt|--ttl-eq|ttl: option \"--ttl-lt\" cannot be used together with \"--ttl-eq\".",
        "--ttl-lt|--ttl-gt|ttl: option \"--ttl-lt\" cannot be used together with \"--ttl-gt\".",
        "--ttl-gt|--ttl-lt|ttl: option \"--ttl-lt\" cannot be used together with \"--ttl-gt\".",
        "--ttl-eq|--ttl-gt|ttl: option \"--ttl-gt\" cannot be used together with \"--ttl-eq\".",
        "--ttl-gt|--ttl-eq|ttl: option \"--ttl-gt\" cannot be used together with \"--ttl-eq\".",
    })
    void optionsExcludeEachOther(String first, String second, String message) throws RuleException {
        MatchBuilder b = builder(first, "1", "", second, "2", "");
        assertEquals(message, assertThrows(RuleException.class, b::build).getMessage());
    }

    @Test
    void anOptionIsNeeded() throws RuleException {
        MatchBuilder b = builder();
        assertEquals("TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt",
                assertThrows(RuleException.class, b::build).getMessage());
    }

    @Property
    void comparisons(@ForAll @IntRange(max = 255) int value, @ForAll @IntRange(max = 255) int ttl)
            throws RuleException {
        String v = Integer.toString(value);
        assertEquals(ttl == value, matchesTtl(match(TtlExtension.EQ, v, false), ttl));
        assertEquals(ttl != value, matchesTtl(match(TtlExtension.EQ, v, true), ttl));
        assertEquals(ttl < value, matchesTtl(match(TtlExtension.LT, v, false), ttl));
        assertEquals(ttl > value, matchesTtl(match(TtlExtension.GT, v, false), ttl));
    }

    @Test
    void placementAliasAndHelp() throws Exception {
        TtlExtension ext = new TtlExtension();
        assertEquals(Placement.ANYWHERE, ext.placement());
        assertEquals(true, ext.options().get(0).isSpelled("--ttl"));
        assertEquals(false, ext.options().get(1).mayInvert());
        try (InputStream in = TtlTest.class.getResourceAsStream("/help-ttl.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), ext.help());
        }
    }
}
