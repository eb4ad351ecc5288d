package org.jptables.plugins.ecn;

import org.jptables.testkit.RecordedRules;

/**
 * Whole rules through the kernel's parser, -S and -L, against iptables-legacy 1.8.9's answers:
 * corpus.tsv holds the netfilter test rules of this extension, recorded.tsv rules recorded for this
 * plugin with the real tool in a network namespace ({@link RecordedRules.Suite}).
 */
class RecordedRulesTest implements RecordedRules.Suite {
}
