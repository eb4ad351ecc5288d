package org.jptables.kernel.classify;

import org.jptables.kernel.model.Rule;

/**
 * One chain's rules, compiled for one snapshot of the chain: a few {@link FieldIndex field indexes}
 * that hand out the rules a packet can match, each rule's {@link Check checks}, and the rules no
 * index holds, which are checked in order. {@link #next} answers the first rule at or after a
 * position that the packet can match; the evaluator then calls that rule's matches as the linear
 * walk would, so first-match order, counters and side effects stay exactly those of the kernel.
 */
public final class CompiledChain {
    private final Rule[] rules;
    /** Each rule's common checks, {@link FlatChecks#STRIDE} ints per rule. */
    private final int[] rows;
    /** Each rule's other checks, or null. */
    private final Check[][] extra;
    /** Whether a rule is decided by its checks alone (every match complete). */
    private final boolean[] exact;
    private final FieldIndex[] indexes;
    private final int[] unindexed;

    CompiledChain(Rule[] rules, int[] rows, Check[][] extra, boolean[] exact, FieldIndex[] indexes, int[] unindexed) {
        this.rules = rules;
        this.rows = rows;
        this.extra = extra;
        this.exact = exact;
        this.indexes = indexes;
        this.unindexed = unindexed;
    }

    /**
     * Whether rule {@code rule}, which {@link #next} named, matches without calling its matches:
     * every one of them declared itself complete.
     */
    public boolean exact(int rule) {
        return exact[rule];
    }

    /** The snapshot of rules this form was compiled from. */
    public Rule[] rules() {
        return rules;
    }

    /**
     * The index of the first rule at or after {@code from} whose declared constraints the packet
     * meets, or the number of rules when there is none.
     */
    public int next(PacketKey key, int from) {
        int best = rules.length;
        for (FieldIndex index : indexes) {
            best = firstAdmitted(index.candidates(key), from, best, key);
        }
        return firstAdmitted(unindexed, from, best, key);
    }

    private int firstAdmitted(int[] list, int from, int limit, PacketKey key) {
        int lo = 0;
        int hi = list.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (list[mid] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int j = lo; j < list.length; j++) {
            int rule = list[j];
            if (rule >= limit) {
                return limit;
            }
            if (FlatChecks.admits(rows, rule, key) && admits(extra[rule], key)) {
                return rule;
            }
        }
        return limit;
    }

    private static boolean admits(Check[] ruleChecks, PacketKey key) {
        if (ruleChecks == null) {
            return true;
        }
        for (Check check : ruleChecks) {
            if (!check.admits(key)) {
                return false;
            }
        }
        return true;
    }

    /** What the form is made of, for {@code --eval} reports and the benchmarks. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(rules.length).append(" rules");
        for (FieldIndex index : indexes) {
            out.append(", ").append(index.field.name().toLowerCase(java.util.Locale.ROOT)).append(" index ")
                    .append(index.intervals()).append(" intervals ").append(index.entries()).append(" entries");
        }
        out.append(", ").append(unindexed.length).append(" checked in order");
        int decided = 0;
        for (boolean e : exact) {
            decided += e ? 1 : 0;
        }
        out.append(", ").append(decided).append(" decided by their checks");
        return out.toString();
    }
}
