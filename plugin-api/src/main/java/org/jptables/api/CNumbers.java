package org.jptables.api;

/**
 * Numbers as libxtables reads them ({@code xtables_strtoui}, {@code xtables_strtoul}): C's
 * strtoul in base 0 (decimal, {@code 0x} hex, leading-zero octal) after optional blanks and a
 * {@code +}, a leading minus refused. {@link #read} leaves the text after the number to the caller,
 * as the options that take {@code value[:value]} or {@code value/mask} need; {@link Numbers#parse}
 * is the whole-string form with iptables' messages.
 */
public final class CNumbers {
    /** What was read: the value and the index just past the number. */
    public record Read(long value, int end) {
    }

    private CNumbers() {
    }

    /**
     * The number at the start of {@code text}, within [min, max], or null where xtables_strtoui
     * returns false (no digits, a minus sign, out of range).
     */
    public static Read read(String text, long min, long max) {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        if (i < n && text.charAt(i) == '-') {
            return null;
        }
        if (i < n && text.charAt(i) == '+') {
            i++;
        }
        int radix = 10;
        if (i + 1 < n && text.charAt(i) == '0' && (text.charAt(i + 1) | 0x20) == 'x'
                && i + 2 < n && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < n && Character.digit(text.charAt(i), radix) >= 0 && text.charAt(i) < 128) {
            value = value * radix + Character.digit(text.charAt(i), radix);
            if (value > 0xFFFFFFFFFFFFL) {
                overflow = true;
                value = 0xFFFFFFFFFFFFL;
            }
            i++;
        }
        if (i == start) {
            return null;
        }
        if (overflow || value < min || value > max) {
            return null;
        }
        return new Read(value, i);
    }

    /** What C's strtoul gave: its unsigned 64-bit result and the index just past the number. */
    public record Unsigned(long value, int end) {
    }

    /**
     * C's strtoul in base 0 as it is, not xtables': blanks, a {@code +} or a {@code -} (which
     * negates the result modulo 2^64), then the digits; ULONG_MAX on overflow; null where no digit
     * was read. For the callers of the plain C function (libxt_connlabel, libnetfilter_conntrack's
     * connlabel.conf reader).
     */
    public static Unsigned strtoul(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 2 < n && text.charAt(i) == '0' && (text.charAt(i + 1) | 0x20) == 'x'
                && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < n && text.charAt(i) < 128 && Character.digit(text.charAt(i), radix) >= 0) {
            int digit = Character.digit(text.charAt(i), radix);
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, radix)) > 0) {
                overflow = true;
            }
            value = value * radix + digit;
            i++;
        }
        if (i == start) {
            return null;
        }
        return new Unsigned(overflow ? -1L : negative ? -value : value, i);
    }

    /** The whole of {@code text} as a number within [min, max], or -1. */
    public static long whole(String text, long min, long max) {
        Read r = read(text, min, max);
        return r == null || r.end() != text.length() ? -1 : r.value();
    }

    /** C's isspace in the "C" locale. */
    public static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /**
     * libxtables' range-of-integers option type (XTTYPE_UINT16RC and the like): at most two
     * colon-separated numbers, an empty first part meaning 0 and an empty second part {@code limit};
     * the ends are kept as given ({@code 128:64} is accepted). Returns {min, max}; a bad part is
     * refused with libxtables' message for extension {@code ext} and {@code option}.
     */
    public static int[] range(String ext, String option, String text, int limit) throws RuleException {
        int[] values = new int[2];
        int count = 0;
        int at = 0;
        while (true) {
            if (count == 2) {
                throw new RuleException(ext + ": Too many components for option \"" + option + "\" (max: 2)");
            }
            int end;
            long value;
            if (at == text.length() || text.charAt(at) == ':') {
                end = at;
                value = count == 1 ? limit : 0;
            } else {
                String rest = text.substring(at);
                Read read = read(rest, 0, limit);
                if (read == null) {
                    throw new RuleException(ext + ": bad value for option \"" + option + "\" near \"" + rest
                            + "\", or out of range (0-" + limit + ").");
                }
                end = at + read.end();
                if (end < text.length() && text.charAt(end) != ':') {
                    throw new RuleException(ext + ": Argument to \"" + option
                            + "\" has unexpected characters near \"" + text.substring(end) + "\".");
                }
                value = read.value();
            }
            values[count++] = (int) value;
            if (end == text.length()) {
                break;
            }
            at = end + 1;
        }
        if (count == 1) {
            values[1] = values[0];
        }
        return values;
    }
}
