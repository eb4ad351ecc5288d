package org.jptables.plugins.synproxy;

import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.RecordedRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser, -S and -L, against iptables-legacy 1.8.9's answers:
 * corpus.tsv holds the netfilter test rules of this extension (file, table, chain, rule, result,
 * saved, exit, error), recorded.tsv rules recorded for this plugin with the real tool in a
 * network namespace (table, chain, rule, result, saved, exit, error, -L line, -L -n line).
 */
class RecordedRulesTest implements RecordedRules.RecordingsPresent {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#corpusTsv")
    void corpusRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
    void recordedRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }
}
