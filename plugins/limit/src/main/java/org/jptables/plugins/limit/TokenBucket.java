package org.jptables.plugins.limit;

import org.jptables.api.RuleException;

/**
 * xt_limit's arithmetic. Credits are counted in 32-bit units; one jiffy earns
 * {@link #CREDITS_PER_JIFFY} credits, a packet costs the credits of one average period. With
 * HZ=250 (the reference host's kernel) a day's worth of credits still fits in 32 bits.
 */
final class TokenBucket {
    static final long HZ = 250;
    /** The largest power of two below 0xFFFFFFFF / (HZ*60*60*24): 128 at HZ=250. */
    static final long CREDITS_PER_JIFFY = Long.highestOneBit(0xFFFFFFFFL / (HZ * 60 * 60 * 24));
    static final long NANOS_PER_JIFFY = 1_000_000_000L / HZ;
    private static final long U32 = 0xFFFFFFFFL;

    private TokenBucket() {
    }

    /** Credits for a period of {@code user} (1/10000 s), in the kernel's 32-bit arithmetic. */
    static long user2credits(long user) {
        if (user > U32 / (HZ * CREDITS_PER_JIFFY)) {
            return ((user / Rate.SCALE) * HZ * CREDITS_PER_JIFFY) & U32;
        }
        return ((user * HZ * CREDITS_PER_JIFFY) & U32) / Rate.SCALE;
    }

    /** The credits of a full bucket: avg * burst, multiplied in 32 bits as the kernel does. */
    static long capacity(long period, long burst) {
        return user2credits((period * burst) & U32);
    }

    /**
     * The kernel's check when the rule is loaded: a zero burst, or a bucket whose 32-bit size
     * wrapped below one packet, is refused with ERANGE.
     */
    static void check(long period, long burst) throws RuleException {
        if (burst == 0 || capacity(period, burst) < user2credits(period)) {
            throw RuleException.refusedByKernel("Numerical result out of range.");
        }
    }

    /** The jiffy count of a time in nanoseconds. */
    static long jiffies(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_JIFFY);
    }
}
