package org.jptables.plugins.mac;

import org.jptables.api.RuleException;

/**
 * Ethernet addresses as libxtables reads them (XTTYPE_ETHERMAC): six fields separated by ':',
 * each read by C's strtoul in base 16 and at most two characters long. strtoul's leniency stays:
 * an empty field is 0, blanks and a sign are allowed ({@code -1} is ff), {@code 0x} is too long.
 */
final class MacAddress {
    private static final int FIELDS = 6;

    private MacAddress() {
    }

    /** The address as a 48-bit long, first byte highest. */
    static long parse(String text) throws RuleException {
        long mac = 0;
        int pos = 0;
        for (int field = 0; field < FIELDS; field++) {
            int end = fieldEnd(text, pos);
            if (end - pos > 2) {
                throw invalid();
            }
            char expected = field < FIELDS - 1 ? ':' : 0;
            char actual = end < text.length() ? text.charAt(end) : 0;
            if (actual != expected) {
                throw invalid();
            }
            mac = (mac << 8) | fieldValue(text, pos, end);
            pos = end + 1;
        }
        return mac;
    }

    /** Where strtoul(text + pos, &end, 16) stops: pos itself when it reads no digit. */
    private static int fieldEnd(String text, int pos) {
        int i = pos;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        if (i + 2 < text.length() && text.charAt(i) == '0' && (text.charAt(i + 1) | 0x20) == 'x'
                && hex(text.charAt(i + 2)) >= 0) {
            i += 2;
        }
        int digits = i;
        while (i < text.length() && hex(text.charAt(i)) >= 0) {
            i++;
        }
        return i == digits ? pos : i;
    }

    /** The byte strtoul gives for a field of at most two characters, negated for '-' as C does. */
    private static int fieldValue(String text, int pos, int end) {
        int value = 0;
        boolean negative = false;
        for (int i = pos; i < end; i++) {
            char c = text.charAt(i);
            if (c == '-') {
                negative = true;
            } else if (hex(c) >= 0) {
                value = value * 16 + hex(c);
            }
        }
        return (negative ? -value : value) & 0xFF;
    }

    /** Lower-case hex pairs, as libxt_mac prints them. */
    static String format(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int b = (int) (mac >>> shift) & 0xFF;
            sb.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            if (shift > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static RuleException invalid() {
        return new RuleException("Invalid MAC address specified.");
    }
}
