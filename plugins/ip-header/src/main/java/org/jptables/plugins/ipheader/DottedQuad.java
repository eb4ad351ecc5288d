package org.jptables.plugins.ipheader;

import org.jptables.api.CNumbers;

/**
 * libxtables' own reading of numeric addresses and masks (__numeric_to_ipaddr): at most the first
 * 19 characters count (it copies into a 20-byte buffer), each dot-separated part is a number
 * 0-255 as {@link CNumbers} reads it, and an address with fewer than four parts is completed with
 * zeros ({@code 10.1} is 10.1.0.0). A mask must have all four parts.
 */
final class DottedQuad {
    private static final int BUFFER = 19;

    private DottedQuad() {
    }

    /** The address (unsigned, as a long), or -1. */
    static long address(String text) {
        return parse(text, false);
    }

    /** The dotted mask (unsigned, as a long), or -1. */
    static long mask(String text) {
        return parse(text, true);
    }

    private static long parse(String text, boolean isMask) {
        String buf = text.length() > BUFFER ? text.substring(0, BUFFER) : text;
        long value = 0;
        int from = 0;
        for (int i = 0; i < 3; i++) {
            int dot = buf.indexOf('.', from);
            if (dot < 0) {
                if (isMask) {
                    return -1;
                }
                long octet = CNumbers.whole(buf.substring(from), 0, 255);
                if (octet < 0) {
                    return -1;
                }
                value = (value << 8) | octet;
                return value << (8 * (3 - i));
            }
            long octet = CNumbers.whole(buf.substring(from, dot), 0, 255);
            if (octet < 0) {
                return -1;
            }
            value = (value << 8) | octet;
            from = dot + 1;
        }
        long last = CNumbers.whole(buf.substring(from), 0, 255);
        if (last < 0) {
            return -1;
        }
        return (value << 8) | last;
    }
}
