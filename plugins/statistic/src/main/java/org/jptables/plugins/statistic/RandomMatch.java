package org.jptables.plugins.statistic;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * {@code --mode random}: matches when 31 random bits fall below the fixed-point probability, as
 * xt_statistic does. The generator is a per-rule xorshift64*, without a lock, as the kernel's
 * per-CPU generator: a ruleset is walked by one thread, and two walks racing on it would only share
 * a draw. The compiled classifier draws on its own ({@link #declare}).
 */
final class RandomMatch implements Match {
    private final long probability;
    private final boolean inverted;
    private long state;

    RandomMatch(long probability, boolean inverted) {
        this.probability = probability;
        this.inverted = inverted;
        this.state = System.nanoTime() ^ 0x9E3779B97F4A7C15L ^ System.identityHashCode(this);
        if (state == 0) {
            state = 0x9E3779B97F4A7C15L;
        }
    }

    /** For tests: a generator with a known seed. */
    RandomMatch(long probability, boolean inverted, long seed) {
        this(probability, inverted);
        this.state = seed == 0 ? 1 : seed;
    }

    private int next31() {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return (int) ((x * 0x2545F4914F6CDD1DL) >>> 33);
    }

    @Override
    public void declare(Constraints constraints) {
        constraints.random(probability, inverted);
        constraints.sideEffectFree();
        constraints.complete();
    }

    @Override
    public boolean matches(Packet packet) {
        return (next31() < probability) != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" statistic");
        text(out, "");
    }

    @Override
    public void save(StringBuilder out) {
        text(out, "--");
    }

    private void text(StringBuilder out, String prefix) {
        out.append(' ').append(prefix).append("mode random").append(inverted ? " !" : "").append(' ').append(prefix)
                .append("probability ").append(Probability.format(probability));
    }

    /** One random sequence per rule: which packet draws which number depends on every other packet. */
    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
