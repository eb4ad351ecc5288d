package org.jptables.plugins.hashlimit;

/**
 * xt_hashlimit's arithmetic for revision 3, in the kernel's unsigned 64-bit (and for byte rates
 * 32-bit) integers, with HZ=250 as the reference host's kernel (and the limit plugin) has it.
 */
final class Credits {
    static final long HZ = 250;
    static final long NANOS_PER_JIFFY = 1_000_000_000L / HZ;
    /** POW2_BELOW64(2^64-1 / (HZ*60*60*24)): credits one jiffy earns. */
    static final long PER_JIFFY = Long.highestOneBit(Long.divideUnsigned(-1L, HZ * 60 * 60 * 24));
    /** POW2_BELOW32(0xFFFFFFFF / HZ): byte mode's credits per jiffy. */
    static final long PER_JIFFY_BYTES = Long.highestOneBit(0xFFFFFFFFL / HZ);
    /** A full byte-mode bucket: one second of credits. */
    static final long BYTES_FULL = PER_JIFFY_BYTES * HZ;

    private Credits() {
    }

    /** user2credits: the constants divided first, as the kernel avoids overflow. */
    static long user2credits(long user) {
        long hzCpj = HZ * PER_JIFFY;
        if (Long.compareUnsigned(Rates.SCALE, hzCpj) >= 0) {
            return Long.divideUnsigned(user, Long.divideUnsigned(Rates.SCALE, hzCpj));
        }
        return user * Long.divideUnsigned(hzCpj, Rates.SCALE);
    }

    /** user2credits_byte: the 32-bit cost of a 16-byte chunk. */
    static long user2creditsByte(long user) {
        long us = (user & Rates.U32) * BYTES_FULL;
        return (us >>> 32) & Rates.U32;
    }

    /** user2rate: packets a second of a rate-match rule. */
    static long user2rate(long user) {
        return user != 0 ? Long.divideUnsigned(Rates.SCALE, user) : 0;
    }

    /** user2rate_bytes: bytes a second of a byte rate-match rule. */
    static long user2rateBytes(long user) {
        long u = user & Rates.U32;
        long r = u != 0 ? Rates.U32 / u : Rates.U32;
        return (r - 1) << Rates.BYTE_SHIFT;
    }

    /** msecs_to_jiffies at HZ=250: rounded up to whole 4 ms jiffies. */
    static long msecsToJiffies(long ms) {
        long per = 1000 / HZ;
        return (ms + per - 1) / per;
    }

    /** The jiffy count of a time in nanoseconds. */
    static long jiffies(long nanos) {
        return Math.floorDiv(nanos, NANOS_PER_JIFFY);
    }
}
