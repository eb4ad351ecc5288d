package org.jptables.plugins.rateest;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_rateest_mt: the estimators' rates at the packet's time (each taken from its fixed rate, at
 * least 0, with {@code --rateest-delta}), compared by bytes and/or packets per second; with both,
 * both comparisons must hold. A {@code !} inverts the result.
 */
final class RateestMatch implements Match {
    /** The comparison of {@code --rateest-lt}, {@code -gt} and {@code -eq}. */
    enum Mode {
        LT("lt"), GT("gt"), EQ("eq");

        private final String word;

        Mode(String word) {
            this.word = word;
        }

        String word() {
            return word;
        }
    }

    private final RateestComparison comparison;
    private final Estimator first;
    private final Estimator second;

    RateestMatch(RateestComparison comparison, Estimator first, Estimator second) {
        this.comparison = comparison;
        this.first = first;
        this.second = second;
    }

    @Override
    public boolean matches(Packet packet) {
        RateestComparison c = comparison;
        long now = packet.timeNanos();
        long bytes1 = first.bytesPerSecond(now);
        long packets1 = first.packetsPerSecond(now);
        if (c.delta()) {
            bytes1 = headroom(c.bytes1(), bytes1);
            packets1 = headroom(c.packets1(), packets1);
        }
        long bytes2;
        long packets2;
        if (second == null) {
            bytes2 = c.bytes2();
            packets2 = c.packets2();
        } else {
            bytes2 = second.bytesPerSecond(now);
            packets2 = second.packetsPerSecond(now);
            if (c.delta()) {
                bytes2 = headroom(c.bytes2(), bytes2);
                packets2 = headroom(c.packets2(), packets2);
            }
        }
        boolean result = true;
        if (c.bytes()) {
            result &= holds(c.mode(), Long.compareUnsigned(bytes1, bytes2));
        }
        if (c.packets()) {
            result &= holds(c.mode(), Long.compareUnsigned(packets1, packets2));
        }
        return result != c.inverted();
    }

    /** The fixed rate less the estimate, 0 when the estimate is above it. */
    private static long headroom(long fixed, long estimate) {
        return Long.compareUnsigned(fixed, estimate) >= 0 ? fixed - estimate : 0;
    }

    private static boolean holds(Mode mode, int order) {
        return switch (mode) {
            case LT -> order < 0;
            case GT -> order > 0;
            case EQ -> order == 0;
        };
    }

    @Override
    public void declare(Constraints constraints) {
        // reading an estimator runs its due ticks, which any later read would run alike
        constraints.sideEffectFree();
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        comparison.print(out, format.numeric());
    }

    @Override
    public void save(StringBuilder out) {
        comparison.save(out);
    }

    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
