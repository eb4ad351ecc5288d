package org.jptables.plugins.set;

import org.jptables.testkit.RecordedRules;
import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.TestSets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rules naming sets, with the answers of iptables-legacy 1.8.9 (recorded.tsv: -S, -L and -L -n
 * lines, or the refusal), recorded by src/test/record/record.sh with the sets of
 * src/test/record/sets.txt, which these tests make alike.
 */
class RecordedTest implements RecordedRules.RecordingsPresent {
    private static final TestSets SETS = TestSets.of("create foo hash:ip", "create np hash:net,port",
            "create ipp hash:ip,port", "create cnt hash:ip counters", "create l list:set");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
    void behavesAsIptables(Row row) {
        RecordedRules.check(row, SETS.sets());
    }
}
