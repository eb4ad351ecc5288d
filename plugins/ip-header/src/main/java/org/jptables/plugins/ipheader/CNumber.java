package org.jptables.plugins.ipheader;

/**
 * Unsigned numbers as libxtables reads them (xtables_strtoul: the C library's strtoumax with
 * base 0): leading white space and a {@code +} allowed, a {@code -} refused, {@code 0x} hex,
 * a leading {@code 0} octal, and the value within [0, max].
 */
final class CNumber {
    private CNumber() {
    }

    /** The value of the whole of {@code text}, or -1 when it is not a number within [0, max]. */
    static long parse(String text, long max) {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        if (i < n && text.charAt(i) == '-') {
            return -1;
        }
        if (i < n && text.charAt(i) == '+') {
            i++;
        }
        int radix = 10;
        if (i + 1 < n && text.charAt(i) == '0' && (text.charAt(i + 1) == 'x' || text.charAt(i + 1) == 'X')
                && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long v = 0;
        while (i < n) {
            int d = Character.digit(text.charAt(i), radix);
            if (d < 0 || text.charAt(i) > 0x7F) {
                break;
            }
            v = v * radix + d;
            if (v > 0xFFFFFFFFFFL) {
                return -1;
            }
            i++;
        }
        if (i == start || i != n || v > max) {
            return -1;
        }
        return v;
    }

    /** C's isspace in the "C" locale. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
