package org.jptables.plugins.connbytes;

import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.RecordedRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser and listings, against iptables-legacy 1.8.9's answers.
 * recorded.tsv holds rules recorded
 * for this plugin with the real tool
 * (table, chain, rule, result, saved, exit, error, -L line, -L -n line).
 */
class RecordedRulesTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
    void recordedRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }
}
