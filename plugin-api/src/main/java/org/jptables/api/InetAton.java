package org.jptables.api;

/**
 * Addresses as the C library reads them for libxtables' host options. The numeric forms
 * getaddrinfo accepts for IPv4 (glibc's inet_aton_exact), which iptables reaches for what its own
 * reader refuses: {@code a}, {@code a.b}, {@code a.b.c}, {@code a.b.c.d},
 * each part decimal, octal or hex, the last part filling the remaining bytes
 * ({@code 16909060} and {@code 1.66051} are 1.2.3.4 and 1.1.2.3). Nothing may follow.
 */
public final class InetAton {
    private InetAton() {
    }

    /** The address (unsigned, as a long), or -1. */
    public static long parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (text.isEmpty() || parts.length > 4) {
            return -1;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = part(parts[i]);
            if (v[i] < 0) {
                return -1;
            }
        }
        int n = parts.length;
        long address = 0;
        for (int i = 0; i < n - 1; i++) {
            if (v[i] > 255) {
                return -1;
            }
            address |= v[i] << (24 - 8 * i);
        }
        if (v[n - 1] > (0xFFFFFFFFL >>> (8 * (n - 1)))) {
            return -1;
        }
        return address | v[n - 1];
    }

    /** One part: it must start with a digit (no sign, no space). */
    private static long part(String p) {
        if (p.isEmpty() || p.charAt(0) < '0' || p.charAt(0) > '9') {
            return -1;
        }
        int radix = 10;
        int i = 0;
        if (p.charAt(0) == '0') {
            if (p.length() > 1 && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
                radix = 16;
                i = 2;
            } else {
                radix = 8;
            }
        }
        long v = 0;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            int d = c > 0x7F ? -1 : Character.digit(c, radix);
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
    public static int resolve(String host, Names names) throws RuleException {
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
