package org.jptables.ipset;

/** sscanf's reading of hex values between literal text, as libipset's skbmark and skbprio readers use it. */
final class Scan {
    private Scan() {
    }

    /**
     * sscanf(text, PREFIX "%lx" SEPARATOR "%lx"): the values converted (one or two; text after
     * them is ignored, as sscanf ignores it), or null when none was.
     */
    static long[] hexPair(String text, String prefix, String separator) {
        int[] at = {0};
        if (!literal(text, at, prefix)) {
            return null;
        }
        Long first = hex(text, at);
        if (first == null) {
            return null;
        }
        if (!literal(text, at, separator)) {
            return new long[] {first};
        }
        Long second = hex(text, at);
        return second == null ? new long[] {first} : new long[] {first, second};
    }

    private static boolean literal(String text, int[] at, String lit) {
        if (!text.startsWith(lit, at[0])) {
            return false;
        }
        at[0] += lit.length();
        return true;
    }

    /** %lx: blanks, a sign, an optional 0x, at least one hex digit. */
    private static Long hex(String text, int[] at) {
        int i = at[0];
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        if (i + 2 < text.length() + 0 && text.charAt(i) == '0' && (text.charAt(i + 1) | 0x20) == 'x'
                && Character.digit(text.charAt(i + 2), 16) >= 0) {
            i += 2;
        }
        int start = i;
        long v = 0;
        while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) {
            v = v * 16 + Character.digit(text.charAt(i), 16);
            i++;
        }
        if (i == start) {
            return null;
        }
        at[0] = i;
        return negative ? -v : v;
    }
}
