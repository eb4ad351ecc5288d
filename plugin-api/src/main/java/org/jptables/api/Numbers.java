package org.jptables.api;

/**
 * Number parsing as libxtables does it ({@code xtables_strtoul}: decimal, {@code 0x} hex or
 * leading-zero octal, whole string), shared so that every extension reads numbers alike.
 */
public final class Numbers {
    private Numbers() {
    }

    /** The unsigned value of {@code text} within [min, max], or -1 when it is not one. */
    public static long parse(String text, long min, long max) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        String t = text;
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty()) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < t.length(); i++) {
            int d = Character.digit(t.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xFFFFFFFFFFFFL) {
                return -1;
            }
        }
        return v < min || v > max ? -1 : v;
    }

    /** A value with an optional mask, {@code "0x10/0xff"}; {@code defaultMask} when none is given. */
    public static long[] valueAndMask(String text, long max, long defaultMask) {
        int slash = text.indexOf('/');
        long value = parse(slash < 0 ? text : text.substring(0, slash), 0, max);
        long mask = slash < 0 ? defaultMask : parse(text.substring(slash + 1), 0, max);
        if (value < 0 || mask < 0) {
            return null;
        }
        return new long[] {value, mask};
    }

    /** Lower-case hexadecimal with 0x, as iptables prints marks: {@code 0x19}. */
    public static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }
}
