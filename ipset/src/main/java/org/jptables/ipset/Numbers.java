package org.jptables.ipset;

/**
 * C's number readers as libipset uses them: strtoull and strtol with base 0 or 16 (leading
 * blanks and a sign allowed, 0x for hex, a leading 0 for octal), and the range checks of
 * string_to_number_ll with its messages.
 */
final class Numbers {
    /** ULLONG_MAX as an unsigned long. */
    static final long ULLONG_MAX = -1L;

    private Numbers() {
    }

    /**
     * strtoull: the value, or null when no digits were read or there is anything after them
     * (only a whole string is a number here); {@code range[0]} is set when the value overflowed.
     */
    static Long whole(String s, int base, boolean[] range) {
        int i = 0;
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int b = base;
        if ((b == 0 || b == 16) && i + 1 < n && s.charAt(i) == '0'
                && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X') && i + 2 < n
                && Character.digit(s.charAt(i + 2), 16) >= 0) {
            i += 2;
            b = 16;
        } else if (b == 0) {
            b = i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < n) {
            int d = Character.digit(s.charAt(i), b);
            if (d < 0) {
                break;
            }
            long next = value * b + d;
            if (Long.compareUnsigned(value, Long.divideUnsigned(ULLONG_MAX - d, b)) > 0) {
                overflow = true;
            }
            value = next;
            i++;
        }
        if (i == start || i != n) {
            return null;
        }
        range[0] = overflow;
        if (overflow) {
            return ULLONG_MAX;
        }
        return negative ? -value : value;
    }

    /**
     * string_to_number_ll: a whole number in {@code min..max} (unsigned), or null with the
     * report's message ({@code warn}: as a warning).
     */
    static Long inRange(Report report, String s, long min, long max, boolean warn) {
        boolean[] range = new boolean[1];
        Long v = whole(s, 0, range);
        String message;
        if (v != null && !range[0]) {
            if (Long.compareUnsigned(min, v) <= 0 && (max == 0 || Long.compareUnsigned(v, max) <= 0)) {
                return v;
            }
            range[0] = true;
        }
        if (range[0]) {
            message = "'" + s + "' is out of range " + Long.toUnsignedString(min) + "-"
                    + Long.toUnsignedString(max == 0 ? ULLONG_MAX : max);
        } else {
            message = "'" + s + "' is invalid as number";
        }
        if (warn) {
            report.warn("Syntax error: " + message);
        } else {
            report.syntax(message);
        }
        return null;
    }
}
