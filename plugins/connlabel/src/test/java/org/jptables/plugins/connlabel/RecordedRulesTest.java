package org.jptables.plugins.connlabel;

import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.RecordedRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser and listings, against iptables-legacy 1.8.9's answers.
 * recorded.tsv holds rules recorded
 * for this plugin with the real tool
 * (table, chain, rule, result, saved, exit, error, -L line, -L -n line), on a host without
 * /etc/xtables/connlabel.conf; for a refused name the error is the line after libxt_connlabel's
 * "Warning: cannot open ..." (record-rules.sh with {@code grep -v '^Warning: cannot open'} before
 * its {@code head -1}), the message the testkit compares.
 */
class RecordedRulesTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
    void recordedRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }
}
