package org.jptables.plugins.nat;

import org.jptables.api.RuleException;

/**
 * glibc's inet_pton for IPv4: exactly four decimal parts of at most 255, no leading zero. Stricter
 * than {@code Addresses.parse}, which allows {@code 01.1.1.1}.
 */
final class InetPton {
    private InetPton() {
    }

    static int parse(String text) throws RuleException {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw bad(text);
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                throw bad(text);
            }
            int octet = 0;
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c < '0' || c > '9') {
                    throw bad(text);
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                throw bad(text);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    private static RuleException bad(String text) {
        return new RuleException("Bad IP address \"" + text + "\"");
    }
}
