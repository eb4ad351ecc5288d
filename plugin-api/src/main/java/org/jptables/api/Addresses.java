package org.jptables.api;

/** Dotted-quad IPv4 addresses to and from ints (big-endian: 1.2.3.4 is 0x01020304). */
public final class Addresses {
    private Addresses() {
    }

    /** Parses a strict dotted quad; throws IllegalArgumentException otherwise. */
    public static int parse(String text) {
        int value = parseOrMinusOne(text);
        if (value == -1 && !"255.255.255.255".equals(text)) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        return value;
    }

    private static int parseOrMinusOne(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        int v = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3) {
                return -1;
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                return -1;
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    /** The dotted-quad text of {@code address}. */
    public static String format(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }
}
