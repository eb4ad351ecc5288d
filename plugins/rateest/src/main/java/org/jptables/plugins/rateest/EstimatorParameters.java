package org.jptables.plugins.rateest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jptables.api.RuleException;

/**
 * What {@code -j RATEEST} hands the kernel for an estimator: gen_estimator's interval, 2^(i-2)
 * seconds for {@code interval} i in -2..3, and its EWMA weight 2^-{@code ewmaLog}, chosen from the
 * times given as libxt_RATEEST's final check does; and the times printed back from them.
 *
 * @param interval the kernel's {@code interval}, -2 (250 ms) to 3 (8 s)
 * @param ewmaLog  the kernel's {@code ewma_log}, 1 to 30
 */
record EstimatorParameters(int interval, int ewmaLog) {
    /** iproute's time unit: microseconds. */
    private static final long UNITS_PER_SECOND = 1000000;

    /**
     * libxt_RATEEST's final check: the shortest interval of 250 ms << 0..5 not below the one asked
     * for, then the largest ewma_log whose time constant {@code interval / -ln(1 - 2^-log)} (with
     * the interval as given, not as rounded) is not above the ewmalog asked for. Both times are in
     * microseconds as {@link #parseTime} gives them (0 when the option was not given).
     */
    static EstimatorParameters choose(long intervalMicros, long ewmaMicros) throws RuleException {
        int i = 0;
        while (i <= 5 && intervalMicros > (1L << i) * (UNITS_PER_SECOND / 4)) {
            i++;
        }
        if (i > 5) {
            throw new RuleException("RATEEST: interval value is too large");
        }
        int log = 1;
        for (; log < 32; log++) {
            // C's (1 << 31) is INT_MIN, as Java's: w is then above 1 and the test fails
            double w = 1.0 - 1.0 / (1 << log);
            if (intervalMicros / (-Math.log(w)) > ewmaMicros) {
                break;
            }
        }
        log--;
        if (log == 0 || log >= 31) {
            throw new RuleException("RATEEST: ewmalog value is out of range");
        }
        return new EstimatorParameters(i - 2, log);
    }

    /**
     * RATEEST_get_time: a C double with an optional unit (s, sec, secs, ms, msec, msecs, us, usec,
     * usecs, any case; none means microseconds), stored as microseconds in an unsigned int; -1
     * when it cannot be read.
     */
    static long parseTime(String text) {
        CDouble.Read read = CDouble.read(text);
        if (read.end() == 0) {
            return -1;
        }
        double t = read.value();
        String unit = text.substring(read.end()).toLowerCase(java.util.Locale.ROOT);
        switch (unit) {
            case "" -> { }
            case "s", "sec", "secs" -> t *= UNITS_PER_SECOND;
            case "ms", "msec", "msecs" -> t *= UNITS_PER_SECOND / 1000;
            case "us", "usec", "usecs" -> t *= UNITS_PER_SECOND / 1000000;
            default -> {
                return -1;
            }
        }
        return CDouble.toUnsignedInt(t);
    }

    /** The interval in nanoseconds: 250 ms << (interval + 2). */
    long intervalNanos() {
        return 250_000_000L << (interval + 2);
    }

    /** gen_estimator's intvl_log: the interval is 250 ms << intvl_log. */
    int intervalLog() {
        return interval + 2;
    }

    /** __RATEEST_print: name, interval and time constant, each option with {@code prefix}. */
    void print(String name, String prefix, StringBuilder out) {
        long interval = (UNITS_PER_SECOND << (this.interval + 2)) / 4;
        // an unsigned int product in C: it wraps for long intervals and large logs
        long ewma = (interval * (1L << ewmaLog)) & 0xFFFFFFFFL;
        out.append(' ').append(prefix).append("name ").append(name);
        out.append(' ').append(prefix).append("interval");
        printTime(interval, out);
        out.append(' ').append(prefix).append("ewmalog");
        printTime(ewma, out);
    }

    private static void printTime(long micros, StringBuilder out) {
        if (micros >= UNITS_PER_SECOND) {
            out.append(' ').append(oneDecimal(micros / (double) UNITS_PER_SECOND)).append('s');
        } else if (micros >= UNITS_PER_SECOND / 1000) {
            out.append(' ').append(oneDecimal(micros / (double) (UNITS_PER_SECOND / 1000))).append("ms");
        } else {
            out.append(' ').append(micros).append("us");
        }
    }

    /** printf's %.1f: the double's exact value rounded half to even. */
    private static String oneDecimal(double value) {
        return new BigDecimal(value).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
    }
}
