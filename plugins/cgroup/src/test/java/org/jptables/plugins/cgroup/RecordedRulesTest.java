package org.jptables.plugins.cgroup;

import org.jptables.testkit.RecordedRules.Row;
import org.jptables.testkit.RecordedRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole rules through the kernel's parser and listings, against iptables-legacy 1.8.9's answers.
 * recorded.tsv holds the rules of src/test/record/rules.txt as plugin-testkit/record-rules.sh
 * recorded them with the real tool (table, chain, rule, result, saved, exit, error, -L line, -L -n
 * line); "--path" rules were recorded against this machine's cgroup v2 hierarchy, where "/" exists and
 * "/nonexistent" does not.
 */
class RecordedRulesTest implements RecordedRules.RecordingsPresent {
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
    void recordedRuleBehavesAsIptables(Row row) {
        RecordedRules.check(row);
    }
}
