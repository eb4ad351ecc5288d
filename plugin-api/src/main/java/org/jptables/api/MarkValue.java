package org.jptables.api;

import org.jptables.api.RuleException;

/**
 * Mark arguments as libxtables reads them. {@code value[/mask]} is xtables_parse_val_mask (the
 * mask defaults to 0xffffffff); a plain 32-bit number is XTTYPE_UINT32. Numbers are C's strtoul
 * with base 0: leading blanks and {@code +} allowed, {@code -} refused, hex and octal prefixes.
 * Shared by the mark and connmark extensions (MARK, CONNMARK), as libxtables shares it.
 *
 * @param value the value
 * @param mask  the mask
 */
public record MarkValue(int value, int mask) {
    private static final long MAX = 0xFFFFFFFFL;

    /** {@code value[/mask]} of option {@code --name} of extension {@code ext} ("mark", "MARK"). */
    public static MarkValue parseWithMask(String ext, String option, String arg) throws RuleException {
        long[] first = number(arg, 0);
        if (first == null) {
            throw badInteger(ext, option);
        }
        int end = (int) first[1];
        if (end == arg.length()) {
            return new MarkValue((int) first[0], -1);
        }
        if (arg.charAt(end) != '/') {
            throw garbage(ext, option);
        }
        long[] second = number(arg, end + 1);
        if (second == null) {
            throw badInteger(ext, option);
        }
        if (second[1] != arg.length()) {
            throw garbage(ext, option);
        }
        return new MarkValue((int) first[0], (int) second[0]);
    }

    /** A plain unsigned 32-bit number (XTTYPE_UINT32). */
    public static int parseU32(String ext, String option, String arg) throws RuleException {
        long[] n = number(arg, 0);
        if (n == null || n[1] != arg.length()) {
            throw new RuleException(ext + ": bad value for option \"" + option + "\", or out of range (0-" + MAX
                    + ").\n");
        }
        return (int) n[0];
    }

    private static RuleException badInteger(String ext, String option) {
        return new RuleException(ext + ": bad integer value for option \"" + option + "\", or out of range.\n");
    }

    private static RuleException garbage(String ext, String option) {
        return new RuleException(ext + ": trailing garbage after value for option \"" + option + "\".\n");
    }

    /**
     * xtables_strtoui with an end pointer: the number at {@code from} and the index after it, or
     * null when there is none or it exceeds 32 bits.
     */
    public static long[] number(String s, int from) {
        int i = from;
        int n = s.length();
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '-') {
            return null;
        }
        if (i < n && s.charAt(i) == '+') {
            i++;
        }
        int radix = 10;
        if (i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long v = 0;
        while (i < n && digit(s.charAt(i), radix) >= 0) {
            v = v * radix + digit(s.charAt(i), radix);
            if (v > MAX) {
                return null;
            }
            i++;
        }
        if (i == start) {
            return null;
        }
        return new long[] {v, i};
    }

    private static int digit(char c, int radix) {
        return c > 0x7F ? -1 : Character.digit(c, radix);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }
}
