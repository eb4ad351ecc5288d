package org.jptables.plugins.set;

import org.jptables.testkit.RecordedRules;
import org.jptables.testkit.RecordedRules.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The netfilter test rules for set and SET (libxt_set.t, libxt_SET.t) with iptables-legacy 1.8.9's
 * answers (corpus.tsv, from the shared corpus): without sets every rule is refused as iptables
 * refused it.
 */
class CorpusTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#corpusTsv")
    void behavesAsIptables(Row row) {
        RecordedRules.check(row);
    }
}
