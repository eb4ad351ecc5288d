package org.jptables.kernel.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jptables.kernel.model.Rule;

/**
 * Compiles a chain's rules into a {@link CompiledChain}. Each rule is indexed on the one field it
 * confines most narrowly (the destination of a kube-proxy service, the source of a blocklist, a
 * port), which is the idea of a decision on the most selective field as in HiCuts, but one level
 * deep and without cutting: a rule lands in one index only, so memory stays near linear, and a
 * packet looks up each index once. A field index whose rules nest so deeply that it would repeat
 * rules too often gives its widest rules up to in-order checking. Rules that confine no field
 * narrowly (or declare nothing) are checked in order.
 */
public final class ChainCompiler {
    /** A rule admitting more than this share of a field's values is not worth indexing on it. */
    private static final double WORTH_INDEXING = 1.0 / 16;
    /** Entries an index may hold per rule before its widest rules are checked in order instead. */
    private static final int REPLICATION_BUDGET = 8;
    /**
     * Below this many rules nothing is indexed: the rules are only checked in order, from their
     * rows, which still spares calling the matches of rules decided by their checks (and the
     * cache misses of reaching them: a kube-proxy endpoint chain of two rules is one row each).
     */
    private static final int MINIMUM_INDEXED = 8;

    private static final KeyField[] NARROWING = {
        KeyField.DESTINATION, KeyField.SOURCE, KeyField.DESTINATION_PORT, KeyField.SOURCE_PORT,
    };

    private ChainCompiler() {
    }

    /** The lookup of a chain of {@code rules}. */
    public static CompiledChain compile(Rule[] rules) {
        RuleDeclarations[] declarations = new RuleDeclarations[rules.length];
        for (int r = 0; r < rules.length; r++) {
            declarations[r] = RuleDeclarations.of(rules[r].matches());
        }
        return compile(rules, declarations);
    }

    /** Whether a chain of {@code rules} rules gets a lookup of its own, rather than being scanned. */
    static boolean worthIndexing(int rules) {
        return rules >= MINIMUM_INDEXED;
    }

    static CompiledChain compile(Rule[] rules, RuleDeclarations[] declarations) {
        int n = rules.length;
        int[] rows = new int[n * FlatChecks.STRIDE];
        Check[][] extra = new Check[n][];
        KeyField[] chosen = new KeyField[n];
        long[][] chosenIntervals = new long[n][];
        double[] chosenCoverage = new double[n];
        for (int r = 0; r < n; r++) {
            RuleDeclarations d = declarations[r];
            System.arraycopy(d.row(), 0, rows, r * FlatChecks.STRIDE, FlatChecks.STRIDE);
            extra[r] = d.extra();
            chosen[r] = n >= MINIMUM_INDEXED ? choose(d) : null;
            if (chosen[r] != null) {
                chosenIntervals[r] = d.intervals(chosen[r]);
                chosenCoverage[r] = d.coverage(chosen[r]);
            }
        }
        List<FieldIndex> indexes = new ArrayList<>();
        for (KeyField field : KeyField.values()) {
            FieldIndex index = indexOn(field, chosen, chosenIntervals, chosenCoverage, n, rows);
            if (index != null) {
                indexes.add(index);
            }
        }
        int[] unindexed = new int[n];
        int count = 0;
        for (int r = 0; r < n; r++) {
            if (chosen[r] == null) {
                unindexed[count++] = r;
            }
        }
        // a chain too small to index is checked in order, from its rows alone
        int[] inOrder = n < MINIMUM_INDEXED ? null : Arrays.copyOf(unindexed, count);
        return new CompiledChain(rules, rows, extra, indexes.toArray(FieldIndex[]::new), inOrder);
    }

    /**
     * The field a rule is indexed on: the address or port it confines most narrowly, if narrowly
     * enough; else its protocol (few values, so long lists: the last resort); else none.
     */
    private static KeyField choose(RuleDeclarations d) {
        KeyField pick = null;
        double best = WORTH_INDEXING;
        for (KeyField field : NARROWING) {
            double coverage = d.coverage(field);
            if (coverage < best || coverage == best && pick == null) {
                pick = field;
                best = coverage;
            }
        }
        if (pick == null && d.coverage(KeyField.PROTOCOL) < 1) {
            pick = KeyField.PROTOCOL;
        }
        return pick;
    }

    /**
     * The index of the rules that chose {@code field}; rules it gives up (the widest, where nested
     * intervals would repeat rules too often) have their choice cleared and are checked in order.
     */
    private static FieldIndex indexOn(KeyField field, KeyField[] chosen, long[][] intervals, double[] coverage, int n,
                                      int[] rows) {
        while (true) {
            int count = 0;
            for (int r = 0; r < n; r++) {
                if (chosen[r] == field) {
                    count++;
                }
            }
            if (count == 0) {
                return null;
            }
            int[] numbers = new int[count];
            long[][] ranges = new long[count][];
            int k = 0;
            for (int r = 0; r < n; r++) {
                if (chosen[r] == field) {
                    numbers[k] = r;
                    ranges[k++] = intervals[r];
                }
            }
            long budget = (long) REPLICATION_BUDGET * count + 1024;
            if (FieldIndex.replication(ranges) <= budget) {
                return FieldIndex.build(field, numbers, ranges, rows);
            }
            // give up the widest eighth of the rules, then try again
            Integer[] byWidth = new Integer[count];
            for (int j = 0; j < count; j++) {
                byWidth[j] = numbers[j];
            }
            Arrays.sort(byWidth, (a, b) -> Double.compare(coverage[b], coverage[a]));
            for (int j = 0; j < Math.max(1, count / 8); j++) {
                chosen[byWidth[j]] = null;
            }
        }
    }
}
