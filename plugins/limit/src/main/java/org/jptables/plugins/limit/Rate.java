package org.jptables.plugins.limit;

import org.jptables.api.RuleException;

/**
 * Rates as libxt_limit reads and prints them. A rate is kept as the kernel keeps it: the average
 * period between packets in units of 1/10000 second ({@code XT_LIMIT_SCALE}), so "10/min" is
 * 60000 and prints back as the largest unit that divides it well ("60/min" prints "1/sec").
 */
final class Rate {
    static final long SCALE = 10000;
    private static final String[] UNITS = {"day", "hour", "min", "sec"};
    private static final long[] MULTS = {SCALE * 24 * 60 * 60, SCALE * 60 * 60, SCALE * 60, SCALE};

    private Rate() {
    }

    /** The period of {@code text} ("5", "10/min", "3/h"), as parse_rate computes it. */
    static long parse(String text) throws RuleException {
        long mult = 1;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            String unit = text.substring(slash + 1);
            if (unit.isEmpty()) {
                throw bad(text);
            } else if (prefixOf(unit, "second")) {
                mult = 1;
            } else if (prefixOf(unit, "minute")) {
                mult = 60;
            } else if (prefixOf(unit, "hour")) {
                mult = 60 * 60;
            } else if (prefixOf(unit, "day")) {
                mult = 24 * 60 * 60;
            } else {
                throw bad(text);
            }
        }
        long r = atoi(text) & 0xFFFFFFFFL;
        if (r == 0) {
            throw bad(text);
        }
        long period = SCALE * mult / r;
        if (period == 0) {
            throw new RuleException("Rate too fast \"" + text + "\"");
        }
        return period;
    }

    private static RuleException bad(String text) {
        return new RuleException("bad rate \"" + text + "\"'");
    }

    private static boolean prefixOf(String word, String unit) {
        return word.length() <= unit.length() && unit.regionMatches(true, 0, word, 0, word.length());
    }

    /** C's atoi as glibc has it: (int) strtol, saturating at the long range before the cut. */
    static int atoi(String text) {
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
        boolean saturated = false;
        for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
            int d = text.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                saturated = true;
            } else {
                v = v * 10 + d;
            }
        }
        if (saturated) {
            return negative ? (int) Long.MIN_VALUE : (int) Long.MAX_VALUE;
        }
        return (int) (negative ? -v : v);
    }

    /** print_rate: the unit whose count divides the period well enough. */
    static void format(long period, StringBuilder out) {
        if (period == 0) {
            out.append("inf");
            return;
        }
        int i;
        for (i = 1; i < MULTS.length; i++) {
            if (period > MULTS[i] || MULTS[i] / period < MULTS[i] % period) {
                break;
            }
        }
        out.append(MULTS[i - 1] / period).append('/').append(UNITS[i - 1]);
    }
}
