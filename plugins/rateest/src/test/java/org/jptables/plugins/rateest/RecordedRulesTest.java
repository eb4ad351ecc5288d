package org.jptables.plugins.rateest;

import org.jptables.testkit.RecordedRules;
import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser, -S and -L, against iptables-legacy 1.8.9's answers:
 * corpus.tsv holds netfilter's libxt_rateest.t and libxt_RATEEST.t lines as 1.8.9 answered them
 * one by one (no estimator existed then), recorded.tsv the rules of src/test/record/rules.txt,
 * recorded after two RATEEST rules of the security table had made RE1 and RE2
 * (src/test/record/README.md): the same two rules are loaded first here.
 */
class RecordedRulesTest implements RecordedRules.RecordingsPresent {
    private static final String[] RECORD_SETUP = {
        "-t security -A INPUT -j RATEEST --rateest-name RE1 --rateest-interval 250.0ms --rateest-ewmalog 500.0ms",
        "-t security -A INPUT -j RATEEST --rateest-name RE2 --rateest-interval 250.0ms --rateest-ewmalog 500.0ms"};

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#corpusTsv")
    void corpusRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
    void recordedRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row, RuleTester.of(row.table(), row.chain()).after(RECORD_SETUP));
    }
}
