package org.jptables.kernel.osf;

/** C's {@code strtoul(s, NULL, 10)} as nfnl_osf uses it: leading blanks, a sign, the digits that follow. */
final class CStrtoul {
    private CStrtoul() {
    }

    /** The value modulo 2^64 as C's unsigned long gives it, cut to its low 32 bits by the caller's field. */
    static long parse(String s) {
        int i = 0;
        while (i < s.length() && PfOsFile.isSpace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        boolean overflow = false;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            long next = v * 10 + (s.charAt(i) - '0');
            if (Long.compareUnsigned(next, v) < 0 || Long.compareUnsigned(v, 0x1999999999999999L) > 0) {
                overflow = true;
            }
            v = next;
            i++;
        }
        if (overflow) {
            return -1L;   // ULONG_MAX
        }
        return negative ? -v : v;
    }
}
