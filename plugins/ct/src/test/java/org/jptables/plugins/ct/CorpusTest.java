package org.jptables.plugins.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The netfilter test rules for this extension with iptables-legacy 1.8.9's answers
 * (corpus.tsv: file, table, chain, rule, result, saved, exit, error): each accepted rule must
 * save as iptables saved it, each refused rule must be refused with iptables' message and status.
 */
class CorpusTest {
    private static final String PREFIX = "iptables v1.8.9 (legacy): ";

    static Stream<Arguments> rules() throws Exception {
        List<Arguments> all = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                CorpusTest.class.getResourceAsStream("/corpus.tsv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split("\t", -1);
                all.add(Arguments.of(f[1], f[2], f[3], f[4], f[5], Integer.parseInt(f[6]), f[7]));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{2} -> {3}")
    @MethodSource("rules")
    void behavesAsIptables(String table, String chain, String rule, String result, String saved, int exit,
                           String error) {
        RuleTester t = RuleTester.of(table, chain);
        if (result.equals("OK")) {
            assertEquals(("-A " + chain + " " + saved).strip(), t.saved(rule));
        } else {
            String expected = error.startsWith(PREFIX) ? error.substring(PREFIX.length())
                    : error.startsWith("iptables: ") ? error.substring("iptables: ".length()) : error;
            RuleTester.Failure failure = t.failure(rule);
            assertEquals(expected, failure.message().strip());
            assertEquals(exit, failure.status());
        }
    }
}
