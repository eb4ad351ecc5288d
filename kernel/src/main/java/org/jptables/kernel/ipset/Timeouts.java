package org.jptables.kernel.ipset;

/**
 * ipset's timeouts in jiffies at the reference kernel's HZ=250 (ip_set_timeout.h). A deadline is
 * an absolute jiffy count on the clock the set is used with: the wall clock for commands, a
 * packet's own time stamp in a replay. {@link #PERMANENT} (0) marks an entry that never expires.
 */
public final class Timeouts {
    /** The reference kernel's HZ. */
    public static final long HZ = 250;
    private static final long NANOS_PER_JIFFY = 1_000_000_000L / HZ;
    /** IPSET_ELEM_PERMANENT: an entry without timeout in a set with timeout support. */
    public static final long PERMANENT = 0;
    /** IPSET_NO_TIMEOUT (UINT_MAX): no timeout given, or a set without timeout support. */
    public static final long NO_TIMEOUT = 0xFFFFFFFFL;
    /** IPSET_MAX_TIMEOUT: (UINT_MAX >> 1) / MSEC_PER_SEC seconds, what fits in jiffies. */
    public static final long MAX_SECONDS = (0xFFFFFFFFL >>> 1) / 1000;
    /** IPSET_GC_TIME: the longest garbage collection period, in seconds. */
    static final long GC_TIME = 3 * 60;

    private Timeouts() {
    }

    /** The jiffy of {@code nanos} on the same clock. */
    public static long jiffies(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_JIFFY);
    }

    /** ip_set_timeout_set: the deadline of an entry given {@code seconds} at {@code now} (0: permanent). */
    static long deadline(long seconds, long now) {
        if (seconds == 0) {
            return PERMANENT;
        }
        long t = seconds * HZ + now;
        return t == PERMANENT ? t - 1 : t;
    }

    /** ip_set_timeout_get: the whole seconds left, never 0 for a live entry (0 means permanent). */
    static long secondsLeft(long deadline, long now) {
        if (deadline == PERMANENT) {
            return 0;
        }
        long left = (deadline - now) * (1000 / HZ) / 1000;
        return left <= 0 ? 1 : left;
    }

    /** ip_set_timeout_expired: whether {@code now} is past the deadline. */
    static boolean expired(long deadline, long now) {
        return deadline != PERMANENT && now > deadline;
    }

    /** ip_set_timeout_uget: a timeout from a command, capped at what jiffies hold. */
    static long normalize(long seconds) {
        return Math.min(seconds, MAX_SECONDS);
    }

    /** IPSET_GC_PERIOD: seconds between garbage collections of a set with that default timeout. */
    static long gcPeriod(long timeout) {
        return timeout / 3 != 0 ? Math.min(timeout / 3, GC_TIME) : 1;
    }
}
