package org.jptables.plugins.rateest;

import java.util.regex.Pattern;

/**
 * C's strtod as glibc reads a number at the start of a text (blanks, a sign, decimal or
 * {@code 0x} hexadecimal digits with an exponent, {@code inf}, {@code infinity}, {@code nan}),
 * and C's conversion of the result to {@code unsigned int} as x86-64 code does it, which is how
 * libxt_rateest and libxt_RATEEST store what they read.
 */
final class CDouble {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX =
            Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    private static final Pattern SPECIAL =
            Pattern.compile("([+-]?)((?i:infinity|inf)|(?i:nan)(\\([0-9A-Za-z_]*\\))?)");

    /** A number read: its value and the index just past it; {@code end == 0} when none was read. */
    record Read(double value, int end) {
    }

    private CDouble() {
    }

    /** The number at the start of {@code text}, as strtod reads it (end 0: no number). */
    static Read read(String text) {
        int start = 0;
        while (start < text.length() && isSpace(text.charAt(start))) {
            start++;
        }
        var hex = HEX.matcher(text).region(start, text.length());
        if (hex.lookingAt()) {
            String exponent = hex.group(3) == null ? "p0" : hex.group(3);
            return new Read(Double.parseDouble(hex.group(1) + "0x" + hex.group(2) + exponent), hex.end());
        }
        var decimal = DECIMAL.matcher(text).region(start, text.length());
        if (decimal.lookingAt()) {
            return new Read(Double.parseDouble(decimal.group()), decimal.end());
        }
        var special = SPECIAL.matcher(text).region(start, text.length());
        if (special.lookingAt()) {
            boolean negative = "-".equals(special.group(1));
            double v = special.group(2).toLowerCase().startsWith("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
            return new Read(negative ? -v : v, special.end());
        }
        return new Read(0, 0);
    }

    /**
     * {@code (unsigned int) d}: the compiler converts through a 64-bit cvttsd2si and keeps the low
     * 32 bits, so 5e9 gives 705032704, and NaN, infinities and values beyond 2^63 (the "integer
     * indefinite" 0x8000000000000000) give 0.
     */
    static long toUnsignedInt(double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            return 0;
        }
        return (long) d & 0xFFFFFFFFL;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
