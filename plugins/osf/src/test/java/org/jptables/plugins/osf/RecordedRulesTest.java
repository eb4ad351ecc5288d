package org.jptables.plugins.osf;

import org.jptables.testkit.RecordedRules;
import org.jptables.testkit.RecordedRules.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser, -S and -L, against iptables-legacy 1.8.9's answers:
 * corpus.tsv holds netfilter's libipt_osf.t lines as 1.8.9 answered them, recorded.tsv the rules of
 * src/test/record/rules.txt recorded with record-rules.sh (no fingerprints are needed to load a rule).
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
