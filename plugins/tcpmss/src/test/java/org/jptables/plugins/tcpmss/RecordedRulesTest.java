package org.jptables.plugins.tcpmss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser, -S and -L, against iptables-legacy 1.8.9's answers:
 * corpus.tsv holds the netfilter test rules of this extension (file, table, chain, rule, result,
 * saved, exit, error), recorded.tsv rules recorded for this plugin with the real tool in a
 * network namespace (table, chain, rule, result, saved, exit, error, -L line, -L -n line).
 */
class RecordedRulesTest {
    private static final String PREFIX = "iptables v1.8.9 (legacy): ";

    static Stream<Arguments> corpus() throws Exception {
        return rows("/corpus.tsv", 1).stream();
    }

    static Stream<Arguments> recorded() throws Exception {
        return rows("/recorded.tsv", 0).stream();
    }

    private static List<Arguments> rows(String resource, int skip) throws Exception {
        List<Arguments> all = new ArrayList<>();
        InputStream stream = RecordedRulesTest.class.getResourceAsStream(resource);
        if (stream == null) {
            return all;
        }
        try (var in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                all.add(Arguments.of(f[skip], f[skip + 1], f[skip + 2], f[skip + 3], f[skip + 4],
                        Integer.parseInt(f[skip + 5]), f[skip + 6],
                        f.length > skip + 7 ? f[skip + 7] : "", f.length > skip + 8 ? f[skip + 8] : ""));
            }
        }
        return all;
    }

    @Test
    void theRecordingsAreThere() throws Exception {
        assertEquals(true, recorded().count() > 10);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}{6}")
    @MethodSource("corpus")
    void corpusRuleBehavesAsIptables(String table, String chain, String rule, String result, String saved,
                                     int exit, String error, String listed, String listedNumeric) {
        check(table, chain, rule, result, saved, exit, error, listed, listedNumeric);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}{6}")
    @MethodSource("recorded")
    void recordedRuleBehavesAsIptables(String table, String chain, String rule, String result, String saved,
                                       int exit, String error, String listed, String listedNumeric) {
        check(table, chain, rule, result, saved, exit, error, listed, listedNumeric);
    }

    private static void check(String table, String chain, String rule, String result, String saved, int exit,
                              String error, String listed, String listedNumeric) {
        RuleTester t = RuleTester.of(table, chain);
        if (result.equals("OK")) {
            assertEquals(("-A " + chain + " " + saved).strip(), t.saved(rule));
            if (!listed.isEmpty()) {
                assertEquals(listed, lastLine(t.listed(rule, false)));
                assertEquals(listedNumeric, lastLine(t.listed(rule, true)));
            }
        } else {
            String expected = error.startsWith(PREFIX) ? error.substring(PREFIX.length())
                    : error.startsWith("iptables: ") ? error.substring("iptables: ".length()) : error;
            RuleTester.Failure failure = t.failure(rule);
            assertEquals(expected.strip(), failure.message().strip());
            assertEquals(exit, failure.status());
        }
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }
}
