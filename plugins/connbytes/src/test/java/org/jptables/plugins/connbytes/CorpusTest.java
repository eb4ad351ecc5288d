package org.jptables.plugins.connbytes;

import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.RecordedRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The netfilter test rules for this extension with iptables-legacy 1.8.9's answers
 * (corpus.tsv: file, table, chain, rule, result, saved, exit, error): each accepted rule must
 * save as iptables saved it, each refused rule must be refused with iptables' message and status.
 */
class CorpusTest {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#corpusTsv")
    void behavesAsIptables(Row row) {
        RecordedRules.check(row);
    }
}
