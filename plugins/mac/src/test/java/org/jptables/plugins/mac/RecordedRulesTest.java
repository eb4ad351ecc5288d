package org.jptables.plugins.mac;

import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.RecordedRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser and listings, against iptables-legacy 1.8.9's answers.
 * corpus.tsv holds the netfilter test rules of the extension (file, table, chain, rule, result,
 * saved, exit, error); recorded.tsv the rules recorded for this plugin with the real tool
 * (table, chain, rule, result, saved, exit, error, -L line, -L -n line).
 */
class RecordedRulesTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
    void recordedRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#corpusTsv")
    void corpusRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }
}
