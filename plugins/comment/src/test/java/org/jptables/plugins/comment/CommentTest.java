package org.jptables.plugins.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class CommentTest {
    private final RuleTester t = RuleTester.filter();

    private static Match build(String text) throws RuleException {
        MatchBuilder b = new CommentExtension().newBuilder(TestContext.filterInput());
        b.option("--comment", List.of(text), false);
        return b.build();
    }

    private static String save(Match m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static String print(Match m, boolean numeric) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(numeric, null));
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "foo| --comment foo| /* foo */",
        "a_b-C9| --comment a_b-C9| /* a_b-C9 */",
        "a \"quoted\" \\back\\slash| --comment \"a \\\"quoted\\\" \\\\back\\\\slash\"| /* a \"quoted\" \\back\\slash */",
        "it's| --comment \"it\\'s\"| /* it's */",
        "``| --comment \"\"| /*  */",
        "a b  c| --comment \"a b  c\"| /* a b  c */",
        "*/ x /*| --comment \"*/ x /*\"| /* */ x /* */",
        "tab\tx$y`z| --comment \"tab\tx$y`z\"| /* tab\tx$y`z */",
        "é| --comment \"é\"| /* é */",
        "1.2| --comment \"1.2\"| /* 1.2 */",
    })
    void savesAndPrintsAsIptables(String text, String saved, String printed) throws RuleException {
        Match m = build(text);
        // the CSV trims the leading space each rendering starts with
        assertEquals(" " + saved, save(m));
        assertEquals(" " + printed, print(m, true));
        assertEquals(" " + printed, print(m, false));
    }

    @Test
    void cutsLongCommentsAt255Bytes() throws RuleException {
        assertEquals(" --comment " + "x".repeat(255), save(build("x".repeat(255))));
        assertEquals(" --comment " + "x".repeat(255), save(build("x".repeat(256))));
        assertEquals(" --comment " + "y".repeat(255), save(build("y".repeat(300))));
        // two-byte characters: 127 of them fit in 255 bytes
        assertEquals(" --comment \"" + "é".repeat(127) + "\"", save(build("é".repeat(200))));
    }

    @Test
    void throughTheKernel() {
        assertEquals("-A INPUT -m comment --comment \"hello world\"", t.saved("-m comment --comment \"hello world\""));
        assertTrue(t.listed("-m comment --comment hi", true).endsWith(" /* hi */"));
        assertEquals("comment: option \"--comment\" must be specified", t.error("-m comment"));
        // the kernel's own messages (iptables follows these two with an empty line)
        assertEquals("comment: option \"--comment\" cannot be inverted.", t.error("-m comment ! --comment x").strip());
        assertEquals("comment: option \"--comment\" can only be used once.",
                t.error("-m comment --comment a --comment b").strip());
        assertEquals("option \"--comment\" requires an argument", t.error("-m comment --comment"));
    }

    @Test
    void helpIsIptables() {
        assertEquals("comment match options:\n--comment COMMENT             Attach a comment to a rule\n",
                new CommentExtension().help());
    }

    @Property
    void matchesEveryPacket(@ForAll @StringLength(max = 300) String text, @ForAll int source) throws RuleException {
        Match m = build(text);
        assertTrue(m.matches(TestPackets.ip(org.jptables.api.Addresses.format(source), "198.18.0.1", 6).view()));
        assertTrue(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).truncated(10)));
    }
}
