package org.jptables.kernel.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jptables.api.Constraints;
import org.jptables.api.Match;

/**
 * What one rule's matches declare, gathered in order: the checks the classifier may run before
 * calling the rule (the common ones as a {@link FlatChecks} row, the rest as {@link Check}s), for
 * each indexable field the intervals the rule's packets must lie in, and whether the checks are
 * the whole rule. The gathering stops after the first match that is not side-effect free: a later
 * match's constraint must not let the classifier skip that match's effect.
 */
final class RuleDeclarations implements Constraints {
    private final int[] row = FlatChecks.emptyRow();
    private final List<Check> extra = new ArrayList<>();
    private final Map<KeyField, long[]> intervals = new EnumMap<>(KeyField.class);
    private boolean sideEffectFree;
    private boolean complete;
    private boolean exact;

    /** The matches still to call once the checks passed; see {@link #residual()}. */
    private Match[] residual;

    static RuleDeclarations of(Match[] matches) {
        RuleDeclarations d = new RuleDeclarations();
        d.exact = true;
        List<Match> residual = new ArrayList<>();
        for (int i = 0; i < matches.length; i++) {
            Match m = matches[i];
            d.sideEffectFree = false;
            d.complete = false;
            m.declare(d);
            d.exact &= d.complete && d.sideEffectFree;
            if (!d.sideEffectFree) {
                d.exact = false;
                residual.addAll(Arrays.asList(matches).subList(i, matches.length));
                break;
            }
            if (!d.complete) {
                residual.add(m);
            }
        }
        d.residual = residual.size() == matches.length ? matches : residual.toArray(Match[]::new);
        return d;
    }

    /**
     * The matches the evaluator must still call for a packet that passed the checks, in order:
     * all but those whose declaration is complete and free of side effects (their checks already
     * said yes, so calling them would only say it again). The rule's own array when that is all
     * of them.
     */
    Match[] residual() {
        return residual;
    }

    /** The common checks, in {@link FlatChecks}' layout, with the exact and extra flags. */
    int[] row() {
        int[] out = row.clone();
        if (exact) {
            FlatChecks.exact(out);
        }
        if (!extra.isEmpty()) {
            FlatChecks.hasExtra(out);
        }
        return out;
    }

    /** The other checks, or null when there are none. */
    Check[] extra() {
        return extra.isEmpty() ? null : extra.toArray(Check[]::new);
    }

    /** Whether the checks decide the rule: every match is complete, so none need be called. */
    boolean exact() {
        return exact;
    }

    /** The intervals (pairs of inclusive unsigned bounds) the rule confines {@code field} to, or null. */
    long[] intervals(KeyField field) {
        return intervals.get(field);
    }

    /** The share of {@code field}'s values the rule admits, 1 when it does not confine the field. */
    double coverage(KeyField field) {
        long[] ranges = intervals.get(field);
        return ranges == null ? 1 : sizeOf(ranges, field);
    }

    /** Keeps the narrower of two interval sets for one field: both hold, either alone is sound. */
    private void confine(KeyField field, long[] ranges) {
        long[] known = intervals.get(field);
        if (known == null || sizeOf(ranges, field) < sizeOf(known, field)) {
            intervals.put(field, ranges);
        }
    }

    private static double sizeOf(long[] ranges, KeyField field) {
        double size = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            size += ranges[i + 1] - ranges[i] + 1;
        }
        return size / field.space();
    }

    @Override
    public void sideEffectFree() {
        sideEffectFree = true;
    }

    @Override
    public void complete() {
        complete = true;
    }

    @Override
    public void protocol(int number, boolean inverted) {
        if (!FlatChecks.protocol(row, number, inverted)) {
            extra.add(new Check.Protocol(number, inverted));
        }
        if (!inverted) {
            confine(KeyField.PROTOCOL, new long[] {number, number});
        }
    }

    @Override
    public void sourceMasked(byte[] value, byte[] mask, boolean inverted) {
        masked(KeyField.SOURCE, value, mask, inverted);
    }

    @Override
    public void destinationMasked(byte[] value, byte[] mask, boolean inverted) {
        masked(KeyField.DESTINATION, value, mask, inverted);
    }

    private void masked(KeyField field, byte[] valueBytes, byte[] maskBytes, boolean inverted) {
        if (valueBytes.length != 4 || maskBytes.length != 4) {
            exact = false;
            complete = false;
            return; // not an IPv4 address: ignoring a constraint is sound, but the rule must be called
        }
        int mask = ipv4(maskBytes);
        int value = ipv4(valueBytes);
        if (!FlatChecks.address(row, field == KeyField.SOURCE, value, mask, inverted)) {
            extra.add(new Check.Masked(field, value, mask, inverted));
        }
        if (!inverted && isPrefix(mask)) {
            long low = (value & mask) & 0xFFFFFFFFL;
            long high = (value | ~mask) & 0xFFFFFFFFL;
            // a value with bits outside its mask never matches: no interval at all
            confine(field, (value & ~mask) != 0 ? new long[0] : new long[] {low, high});
        }
    }

    /** Whether the mask is a run of ones from the top: a prefix, which is an interval. */
    static boolean isPrefix(int mask) {
        return (~mask & (~mask + 1)) == 0;
    }

    @Override
    public void sourceRange(byte[] first, byte[] last, boolean inverted) {
        range(KeyField.SOURCE, first, last, inverted);
    }

    @Override
    public void destinationRange(byte[] first, byte[] last, boolean inverted) {
        range(KeyField.DESTINATION, first, last, inverted);
    }

    private void range(KeyField field, byte[] firstBytes, byte[] lastBytes, boolean inverted) {
        if (firstBytes.length != 4 || lastBytes.length != 4) {
            exact = false;
            complete = false;
            return;
        }
        int first = ipv4(firstBytes);
        int last = ipv4(lastBytes);
        extra.add(new Check.AddressRange(field, first, last, inverted));
        if (!inverted) {
            long low = first & 0xFFFFFFFFL;
            long high = last & 0xFFFFFFFFL;
            confine(field, low <= high ? new long[] {low, high} : new long[0]);
        }
    }

    @Override
    public void sourcePorts(int[] ranges, boolean inverted) {
        ports(KeyField.SOURCE_PORT, ranges, inverted);
    }

    @Override
    public void destinationPorts(int[] ranges, boolean inverted) {
        ports(KeyField.DESTINATION_PORT, ranges, inverted);
    }

    private void ports(KeyField field, int[] ranges, boolean inverted) {
        boolean source = field == KeyField.SOURCE_PORT;
        if (ranges.length != 2 || !FlatChecks.ports(row, source, ranges[0], ranges[1], inverted)) {
            extra.add(new Check.Ports(source, ranges, inverted));
        }
        if (!inverted) {
            long[] kept = new long[ranges.length];
            int n = 0;
            for (int i = 0; i + 1 < ranges.length; i += 2) {
                if (ranges[i] <= ranges[i + 1]) {
                    kept[n++] = ranges[i];
                    kept[n++] = ranges[i + 1];
                }
            }
            confine(field, Arrays.copyOf(kept, n));
        }
    }

    @Override
    public void mark(long value, long mask, boolean inverted) {
        extra.add(new Check.Mark(value, mask, inverted));
    }

    @Override
    public void connectionState(int states, boolean inverted) {
        extra.add(new Check.State(states, inverted));
    }

    @Override
    public void random(long threshold, boolean inverted) {
        if (threshold < 0 || threshold > 1L << 31) {
            throw new IllegalArgumentException("random threshold " + threshold + " outside [0, 2^31]");
        }
        if (!FlatChecks.random(row, threshold, inverted)) {
            extra.add(new Check.Random(threshold, inverted));
        }
    }

    @Override
    public void inInterface(String name, boolean prefix, boolean inverted) {
        extra.add(new Check.Interface(true, name, prefix, inverted));
    }

    @Override
    public void outInterface(String name, boolean prefix, boolean inverted) {
        extra.add(new Check.Interface(false, name, prefix, inverted));
    }

    private static int ipv4(byte[] b) {
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
