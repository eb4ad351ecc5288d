package org.jptables.plugins.time;

/** C's strtoul as libxt_time calls it: blanks, a sign, digits of the base; where the number ends. */
final class CText {
    /** The value (unsigned, wrapped to 64 bits as glibc's strtoul saturates: here to 2^64-1) and the end. */
    record Read(long value, int end) {
    }

    private CText() {
    }

    /** strtoul(s + at, &e, base); base 0 reads 0x hex and leading-zero octal. No digits: value 0, end at. */
    static Read strtoul(String s, int at, int base) {
        int i = at;
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) >= '\t' && s.charAt(i) <= '\r')) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = base;
        if ((base == 0 || base == 16) && i + 2 < n + 1 && i + 1 < n && s.charAt(i) == '0'
                && (s.charAt(i + 1) | 0x20) == 'x' && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (base == 0) {
            radix = i < n && s.charAt(i) == '0' ? 8 : 10;
        }
        int start = i;
        long v = 0;
        boolean overflow = false;
        while (i < n && s.charAt(i) < 128 && Character.digit(s.charAt(i), radix) >= 0) {
            long next = v * radix + Character.digit(s.charAt(i), radix);
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, radix)) > 0 || Long.compareUnsigned(next, v) < 0) {
                overflow = true;
            }
            v = next;
            i++;
        }
        if (i == start) {
            return new Read(0, at);
        }
        if (overflow) {
            v = -1L;
        }
        return new Read(negative ? -v : v, i);
    }
}
