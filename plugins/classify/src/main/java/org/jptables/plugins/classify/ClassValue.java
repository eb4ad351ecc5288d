package org.jptables.plugins.classify;

/**
 * libxt_CLASSIFY reads the class with glibc's {@code sscanf(s, "%x:%x", &major, &minor)} and keeps
 * {@code TC_H_MAKE(major << 16, minor)}: each number is strtoul in base 16 (blanks, a sign and a
 * {@code 0x} allowed before it; a minus negates; past 2^64-1 it is held at 2^64-1) cut to an
 * unsigned int; the colon must follow the first number at once; anything after the second number
 * is ignored. Of the major number only the low 16 bits survive the shift, of the minor its low 16.
 */
final class ClassValue {
    private ClassValue() {
    }

    /** The priority {@code MAJOR << 16 | MINOR} as 0..2^32-1, or -1 where sscanf does not read two numbers. */
    static long parse(String s) {
        long major = scanHex(s, 0);
        if (major < 0) {
            return -1;
        }
        int end = (int) (major >>> 32);
        if (end >= s.length() || s.charAt(end) != ':') {
            return -1;
        }
        long minor = scanHex(s, end + 1);
        if (minor < 0) {
            return -1;
        }
        return ((major & 0xFFFF) << 16) | (minor & 0xFFFF);
    }

    /**
     * One {@code %x} conversion from {@code from}: -1 when it fails, else the index just past the
     * number in the high 32 bits and the unsigned int value in the low 32.
     */
    private static long scanHex(String s, int from) {
        int n = s.length();
        int i = from;
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        boolean digits = false;
        if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            // glibc takes the "0x" even with no hex digit after it: the number is then 0
            i += 2;
            digits = true;
        }
        long value = 0;
        boolean overflow = false;
        while (i < n) {
            int d = hexDigit(s.charAt(i));
            if (d < 0) {
                break;
            }
            if ((value >>> 60) != 0) {
                overflow = true;
            }
            value = (value << 4) | d;
            digits = true;
            i++;
        }
        if (!digits) {
            return -1;
        }
        long unsigned = overflow ? -1L : negative ? -value : value;
        return ((long) i << 32) | (unsigned & 0xFFFFFFFFL);
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** C's isspace in the "C" locale. */
    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
