package org.jptables.plugins.nfacct;

import org.jptables.kernel.nfacct.AcctObject;
import org.jptables.kernel.nfacct.AcctStore;
import org.jptables.testkit.RecordedRules;
import org.jptables.testkit.RecordedRules.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser, -S and -L, against iptables-legacy 1.8.9's answers:
 * corpus.tsv holds netfilter's libxt_nfacct.t lines as 1.8.9 answered them (no object existed
 * then), recorded.tsv rules recorded with record-rules.sh in a namespace whose objects were made
 * first (src/test/record/README.md): the same objects are made here.
 */
class RecordedRulesTest implements RecordedRules.RecordingsPresent {
    private static final AcctStore RECORDED = recordedObjects();

    private static AcctStore recordedObjects() {
        AcctStore store = new AcctStore();
        try {
            store.add("test");
            store.add("a b");
            store.add("q\"x");
            store.add("a".repeat(31));
            store.add("quota-obj", AcctObject.QuotaMode.BYTES, 100, 0, 0, false);
        } catch (AcctStore.AcctException e) {
            throw new AssertionError(e);
        }
        return store;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#corpusTsv")
    void corpusRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
    void recordedRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row, RECORDED);
    }
}
