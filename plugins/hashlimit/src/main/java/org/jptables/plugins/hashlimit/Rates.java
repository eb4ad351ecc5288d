package org.jptables.plugins.hashlimit;

import org.jptables.api.RuleException;

/**
 * Rates as libxt_hashlimit revision 3 reads and prints them. A packet rate is kept as the kernel
 * keeps it: the average period between packets in millionths of a second
 * ({@code XT_HASHLIMIT_SCALE_v2}); a byte rate ("512kb/s") as the cost of one 16-byte chunk,
 * {@code 2^32-1 / (bytes/16 + 1)}, so that it fits the kernel's 32-bit credits.
 */
final class Rates {
    static final long SCALE = 1_000_000L;
    /** XT_HASHLIMIT_BYTE_SHIFT: byte rates count 16-byte chunks. */
    static final int BYTE_SHIFT = 4;
    static final long U32 = 0xFFFFFFFFL;
    /** What a byte rate sets the expiry base to (XT_HASHLIMIT_BYTE_EXPIRE, seconds). */
    static final int BYTE_EXPIRE = 15;
    /** The expiry of byte rates given a burst (XT_HASHLIMIT_BYTE_EXPIRE_BURST, seconds). */
    static final int BYTE_EXPIRE_BURST = 60;

    private static final String[] UNITS = {"day", "hour", "min", "sec"};
    private static final long[] MULTS = {SCALE * 24 * 60 * 60, SCALE * 60 * 60, SCALE * 60, SCALE};
    private static final String[] BYTE_UNITS = {"m", "k", ""};
    private static final long[] BYTE_THRESH = {1024 * 1024, 1024, 1};

    /** A rate read from the command line: the kernel's avg and the unit's seconds (udata->mult). */
    record Parsed(long avg, int mult, boolean bytes) {
    }

    private Rates() {
    }

    /**
     * parse_bytes, then parse_rate, as the upto/above options try them; null where both give up
     * (the caller reports iptables' "Bad value").
     */
    static Parsed parse(String text) throws RuleException {
        Parsed bytes = parseBytes(text);
        return bytes != null ? bytes : parseRate(text);
    }

    private static Parsed parseBytes(String text) {
        int at = text.indexOf("b/s");
        if (at <= 0) {
            return null;
        }
        long r = atoll(text);
        if (r == 0) {
            return null;
        }
        long total = r * factor(text.charAt(at - 1));
        return new Parsed(bytesToCost(total), BYTE_EXPIRE, true);
    }

    private static Parsed parseRate(String text) throws RuleException {
        int mult = 1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            String unit = text.substring(slash + 1);
            if (unit.isEmpty()) {
                return null;
            } else if (prefixOf(unit, "second")) {
                mult = 1;
            } else if (prefixOf(unit, "minute")) {
                mult = 60;
            } else if (prefixOf(unit, "hour")) {
                mult = 60 * 60;
            } else if (prefixOf(unit, "day")) {
                mult = 24 * 60 * 60;
            } else {
                return null;
            }
        }
        long r = atoll(text);
        if (r == 0) {
            return null;
        }
        long avg = Long.divideUnsigned(SCALE * mult, r);
        if (avg == 0) {
            // the rate maps to infinity
            throw new RuleException("Rate too fast \"" + text + "\"");
        }
        return new Parsed(avg, mult, false);
    }

    /** get_factor: the letter before "b/s" or after a burst's number. */
    static long factor(char c) {
        return c == 'm' ? 1024 * 1024 : c == 'k' ? 1024 : 1;
    }

    private static boolean prefixOf(String word, String unit) {
        return word.length() <= unit.length() && unit.regionMatches(true, 0, word, 0, word.length());
    }

    /** bytes_to_cost: the chunk count cut to 32 bits, as the C code stores it. */
    static long bytesToCost(long bytes) {
        long chunks = (bytes >>> BYTE_SHIFT) & U32;
        long divisor = (chunks + 1) & U32;
        return divisor == 0 ? 0 : U32 / divisor;
    }

    /** cost_to_bytes: the byte rate a cost stands for. */
    static long costToBytes(long cost) {
        long r = cost != 0 ? Long.divideUnsigned(U32, cost) : U32;
        return (r - 1) << BYTE_SHIFT;
    }

    /** glibc's atoll: blanks, a sign, digits, saturating at the long range. */
    static long atoll(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        long v = 0;
        for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            int d = text.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                return negative ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }

    /** print_rate: " N/unit"; returns the unit in milliseconds, which decides whether the expiry is printed. */
    static long formatRate(long period, StringBuilder out) {
        if (period == 0) {
            out.append(" inf");
            return 0;
        }
        int i;
        for (i = 1; i < MULTS.length; i++) {
            if (Long.compareUnsigned(period, MULTS[i]) > 0
                    || Long.compareUnsigned(MULTS[i] / period, MULTS[i] % period) < 0) {
                break;
            }
        }
        out.append(' ').append(Long.toUnsignedString(Long.divideUnsigned(MULTS[i - 1], period))).append('/')
                .append(UNITS[i - 1]);
        return MULTS[i - 1] / SCALE * 1000;
    }

    /** print_bytes: " Nkb/s" and, with a burst, " PREFIXburst Nkb"; returns the expiry the rate implies. */
    static long formatBytes(long avg, long burst, String prefix, StringBuilder out) {
        long r = costToBytes(avg);
        int i;
        for (i = 0; i < BYTE_UNITS.length - 1; i++) {
            if (Long.compareUnsigned(r, BYTE_THRESH[i]) >= 0 && bytesToCost(r & ~(BYTE_THRESH[i] - 1)) == avg) {
                break;
            }
        }
        out.append(' ').append(Long.toUnsignedString(Long.divideUnsigned(r, BYTE_THRESH[i]))).append(BYTE_UNITS[i])
                .append("b/s");
        if (burst == 0) {
            return BYTE_EXPIRE * 1000L;
        }
        r *= burst;
        out.append(' ').append(prefix);
        for (i = 0; i < BYTE_UNITS.length - 1; i++) {
            if (Long.compareUnsigned(r, BYTE_THRESH[i]) >= 0) {
                break;
            }
        }
        out.append("burst ").append(Long.toUnsignedString(Long.divideUnsigned(r, BYTE_THRESH[i])))
                .append(BYTE_UNITS[i]).append('b');
        return BYTE_EXPIRE_BURST * 1000L;
    }
}
