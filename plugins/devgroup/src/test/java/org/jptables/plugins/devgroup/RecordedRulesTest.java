package org.jptables.plugins.devgroup;

import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.RecordedRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser, -S and -L, against iptables-legacy 1.8.9's answers
 * (the netfilter tests have no devgroup file): recorded.tsv holds rules recorded for this plugin
 * with the real tool in a
 * network namespace (table, chain, rule, result, saved, exit, error, -L line, -L -n line).
 */
class RecordedRulesTest implements RecordedRules.RecordingsPresent {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
    void recordedRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }
}
