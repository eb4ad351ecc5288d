package org.jptables.plugins.connbytes;

import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;

/**
 * libxtables' XTTYPE_UINT64RC as xtopt_parse_mint reads it: one or two unsigned 64-bit numbers
 * (decimal, {@code 0x} hex or leading-zero octal, as strtoumax reads them, blanks and a {@code +}
 * before each allowed, a minus refused) separated by a colon; an empty first part is 0, an empty
 * second part 2^64-1. Values are kept in a {@code long} as unsigned.
 */
final class Uint64Range {
    /** 2^64-1, as a signed long. */
    static final long MAX = -1L;
    private static final String MAX_TEXT = Long.toUnsignedString(MAX);

    /** The values read, and how many (1 or 2). */
    record Parsed(long first, long second, int count) {
    }

    private Uint64Range() {
    }

    static Parsed parse(String text, String extension, String option) throws RuleException {
        long[] values = new long[2];
        int count = 0;
        int at = 0;
        while (true) {
            if (count == 2) {
                throw new RuleException(extension + ": Too many components for option \"" + option + "\" (max: 2)\n");
            }
            int end;
            long value;
            if (at == text.length() || text.charAt(at) == ':') {
                end = at;
                value = count == 1 ? MAX : 0;
            } else {
                Read read = read(text, at);
                if (read == null) {
                    throw new RuleException(extension + ": bad value for option \"" + option + "\" near \""
                            + text.substring(at) + "\", or out of range (0-" + MAX_TEXT + ").\n");
                }
                end = read.end();
                value = read.value();
                if (end < text.length() && text.charAt(end) != ':') {
                    throw new RuleException(extension + ": Argument to \"" + option
                            + "\" has unexpected characters near \"" + text.substring(end) + "\".\n");
                }
            }
            values[count++] = value;
            if (end == text.length()) {
                break;
            }
            at = end + 1;
        }
        return new Parsed(values[0], values[1], count);
    }

    /** A number read and the index just past it. */
    private record Read(long value, int end) {
    }

    /** strtoumax at {@code from}, or null where xtables_strtoul fails (no digits, a minus, ERANGE). */
    private static Read read(String text, int from) {
        int i = from;
        int n = text.length();
        while (i < n && CNumbers.isSpace(text.charAt(i))) {
            i++;
        }
        if (i < n && text.charAt(i) == '-') {
            return null;
        }
        if (i < n && text.charAt(i) == '+') {
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
            // value * radix + digit > 2^64-1, computed without leaving 64 bits
            if (Long.compareUnsigned(value, Long.divideUnsigned(MAX - digit, radix)) > 0) {
                overflow = true;
            }
            value = value * radix + digit;
            i++;
        }
        if (i == start || overflow) {
            return null;
        }
        return new Read(value, i);
    }
}
