package org.jptables.plugins.recent;

import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * Addresses as the C library reads them for libxtables' host options: inet_aton's numeric forms
 * (a, a.b, a.b.c, a.b.c.d, each part decimal, octal or hex), then the host database.
 */
final class HostAddress {
    private HostAddress() {
    }

    /** The address of {@code text} as inet_aton reads it, or -1 (as a long) when it is none. */
    static long parse(String text) {
        if (text.isEmpty()) {
            return -1;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = number(parts[i]);
            if (v[i] < 0) {
                return -1;
            }
        }
        int n = parts.length;
        for (int i = 0; i < n - 1; i++) {
            if (v[i] > 255) {
                return -1;
            }
        }
        long last = v[n - 1];
        if (last > (0xFFFFFFFFL >>> (8 * (n - 1)))) {
            return -1;
        }
        long a = 0;
        for (int i = 0; i < n - 1; i++) {
            a |= v[i] << (24 - 8 * i);
        }
        return a | last;
    }

    private static long number(String part) {
        if (part.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x") || part.startsWith("0X")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xFFFFFFFFL) {
                return -1;
            }
        }
        return v;
    }

    /**
     * The address {@code host} names. The error is getaddrinfo's, as iptables prints it: on a host
     * without a resolver a name that could be a DNS name fails "temporarily", anything else is
     * "not known".
     */
    static int resolve(String host, Names names) throws RuleException {
        long numeric = parse(host);
        if (numeric >= 0) {
            return (int) numeric;
        }
        int[] found = names == null ? new int[0] : names.hostAddresses(host);
        if (found.length > 0) {
            return found[0];
        }
        boolean dnsName = !host.isEmpty() && host.chars().anyMatch(Character::isLetter)
                && host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_');
        throw new RuleException("getaddrinfo: "
                + (dnsName ? "Temporary failure in name resolution" : "Name or service not known") + "\n");
    }
}
