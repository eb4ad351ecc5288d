package org.jptables.plugins.connlabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Names;
import org.jptables.api.RuleException;
import org.jptables.language.names.SystemNames;
import org.jptables.testkit.RecordedRules;
import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.TestContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Label names: recorded-map.tsv holds iptables-legacy 1.8.9's answers with the label map of
 * src/test/resources/etc/xtables/connlabel.conf in place of /etc's (duplicate bits and names,
 * a bit above 127, a name with a ';', blanks around a name); the rules are built with that map.
 * Recorded from src/test/record/rules-map.txt as record-rules.sh records, inside {@code unshare -m}
 * with a copy of /etc holding that file bind-mounted on /etc.
 */
class LabelMapTest {
    static Stream<Row> rows() {
        return RecordedRules.read(LabelMapTest.class, "/recorded-map.tsv");
    }

    private static Names names() throws URISyntaxException {
        return SystemNames.fromDirectory(Path.of(LabelMapTest.class.getResource("/etc").toURI()));
    }

    /** The words after "-m connlabel", a double-quoted word kept whole. */
    private static List<String> words(String rule) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        for (char c : rule.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (!w.isEmpty()) {
                    out.add(w.toString());
                }
                w.setLength(0);
            } else {
                w.append(c);
            }
        }
        if (!w.isEmpty()) {
            out.add(w.toString());
        }
        return out.subList(2, out.size());
    }

    private static Match build(String rule, Names names) throws RuleException {
        MatchBuilder b = new ConnlabelExtension().newBuilder(new TestContext("filter", "INPUT", names));
        List<String> w = words(rule);
        boolean invert = false;
        for (int i = 0; i < w.size(); i++) {
            switch (w.get(i)) {
                case "!" -> invert = true;
                case "--set" -> b.option("--set", List.of(), false);
                default -> {
                    b.option(w.get(i), List.of(w.get(++i)), invert);
                    invert = false;
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void namesAsIptables(Row row) throws Exception {
        Names names = names();
        if (!row.accepted()) {
            RuleException e = assertThrows(RuleException.class, () -> build(row.rule(), names));
            assertTrue(row.error().endsWith(e.getMessage().strip()), row.error() + " / " + e.getMessage());
            assertEquals(row.exit() == 1, e.isKernelRefusal());
            return;
        }
        Match m = build(row.rule(), names);
        StringBuilder saved = new StringBuilder("-m connlabel");
        m.save(saved);
        assertEquals(row.saved(), saved.toString());
        StringBuilder listed = new StringBuilder();
        m.print(listed, new ListingFormat(false, names));
        assertTrue(row.listed().endsWith(listed.toString()), row.listed() + " / " + listed);
        StringBuilder numeric = new StringBuilder();
        m.print(numeric, new ListingFormat(true, names));
        assertTrue(row.listedNumeric().endsWith(numeric.toString()), row.listedNumeric() + " / " + numeric);
    }
}
