package org.jptables.kernel.classify;

import org.jptables.kernel.model.Rule;

/**
 * One chain's rules, compiled for one snapshot of the chain: a few {@link FieldIndex field indexes}
 * that hand out the rules a packet can match, each rule's {@link Check checks}, and the rules no
 * index holds, which are checked in order. {@link #next} answers the first rule at or after a
 * position that the packet can match; the evaluator then calls that rule's matches as the linear
 * walk would, so first-match order, counters and side effects stay exactly those of the kernel.
 * A {@link TableForm} keeps one for each of its large chains, as the lookup of that chain.
 */
public final class CompiledChain {
    private final Rule[] rules;
    /** Each rule's common checks, {@link FlatChecks#STRIDE} ints per rule. */
    private final int[] rows;
    /** Each rule's other checks, or null. */
    private final Check[][] extra;
    private final FieldIndex[] indexes;
    /** The rules no index holds, ascending; null when nothing is indexed (a small chain): all of them. */
    private final int[] unindexed;

    CompiledChain(Rule[] rules, int[] rows, Check[][] extra, FieldIndex[] indexes, int[] unindexed) {
        this.rules = rules;
        this.rows = rows;
        this.extra = extra;
        this.indexes = indexes;
        this.unindexed = unindexed;
    }

    /**
     * Whether rule {@code rule}, which {@link #next} named, matches without calling its matches:
     * every one of them declared itself complete.
     */
    public boolean exact(int rule) {
        return FlatChecks.exact(rows, rule * FlatChecks.STRIDE);
    }

    /**
     * The index of the first rule at or after {@code from} whose declared constraints the packet
     * meets, or the number of rules when there is none.
     */
    public int next(PacketKey key, int from) {
        if (unindexed == null) {
            for (int rule = from; rule < rules.length; rule++) {
                if (admitted(rows, rule * FlatChecks.STRIDE, rule, key)) {
                    return rule;
                }
            }
            return rules.length;
        }
        int best = rules.length;
        for (FieldIndex index : indexes) {
            best = firstInEntries(index.candidates(key), from, best, key);
        }
        return firstInOrder(unindexed, from, best, key);
    }

    /** The first rule of an index's entries at or after {@code from} and before {@code limit} that is admitted. */
    private int firstInEntries(int[] entries, int from, int limit, PacketKey key) {
        int lo = 0;
        int hi = entries.length / FieldIndex.ENTRY;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries[mid * FieldIndex.ENTRY] < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int at = lo * FieldIndex.ENTRY; at < entries.length; at += FieldIndex.ENTRY) {
            int rule = entries[at];
            if (rule >= limit) {
                return limit;
            }
            if (admitted(entries, at + 1, rule, key)) {
                return rule;
            }
        }
        return limit;
    }

    private int firstInOrder(int[] list, int from, int limit, PacketKey key) {
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
            if (admitted(rows, rule * FlatChecks.STRIDE, rule, key)) {
                return rule;
            }
        }
        return limit;
    }

    /** The row at {@code at} of {@code data}, then the rule's other checks if its row says it has some. */
    private boolean admitted(int[] data, int at, int rule, PacketKey key) {
        return FlatChecks.admits(data, at, key) && (!FlatChecks.hasExtra(data, at) || admits(extra[rule], key));
    }

    static boolean admits(Check[] ruleChecks, PacketKey key) {
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
        out.append(", ").append(unindexed == null ? rules.length : unindexed.length).append(" checked in order");
        int decided = 0;
        for (int r = 0; r < rules.length; r++) {
            decided += exact(r) ? 1 : 0;
        }
        out.append(", ").append(decided).append(" decided by their checks");
        return out.toString();
    }
}
