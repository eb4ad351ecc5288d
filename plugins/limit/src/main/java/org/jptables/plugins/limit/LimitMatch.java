package org.jptables.plugins.limit;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * One rule's bucket. The bucket starts full; the kernel starts its clock when the rule is loaded,
 * which here is taken as the first packet's time. Each packet first earns the credits of the
 * jiffies since the previous one (the sum cut to 32 bits, as the kernel's u32 credit is), capped
 * at the bucket's size, then matches if a packet's cost is left.
 */
final class LimitMatch implements Match {
    private static final long U32 = 0xFFFFFFFFL;
    private final long period;
    private final int burst;
    private final long cost;
    private final long cap;
    private long credit;
    private long prev;
    private boolean started;

    LimitMatch(long period, int burst) {
        this.period = period;
        this.burst = burst;
        this.cost = TokenBucket.user2credits(period);
        this.cap = TokenBucket.capacity(period, burst);
        this.credit = cap;
    }

    @Override
    public synchronized boolean matches(Packet packet) {
        long now = TokenBucket.jiffies(packet.timeNanos());
        if (!started) {
            started = true;
            prev = now;
        }
        credit = (credit + (now - prev) * TokenBucket.CREDITS_PER_JIFFY) & U32;
        prev = now;
        if (credit > cap) {
            credit = cap;
        }
        if (credit >= cost) {
            credit -= cost;
            return true;
        }
        return false;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" limit: avg ");
        Rate.format(period, out);
        out.append(" burst ").append(burst);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --limit ");
        Rate.format(period, out);
        if (burst != LimitBuilder.DEFAULT_BURST) {
            out.append(" --limit-burst ").append(burst);
        }
    }

    /** One token bucket per rule, drained by every connection's packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
