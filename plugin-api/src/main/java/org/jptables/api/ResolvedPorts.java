package org.jptables.api;

/**
 * One port as libxtables' {@code xtables_getportbyname} finds it, which asks getaddrinfo for
 * the service: glibc reads a number with strtoul in base 10 (blanks and a sign allowed, no hex),
 * keeps it in an {@code int} (a value that becomes negative there is looked up as a name, and
 * fails) and puts its low 16 bits in the port, so 65536 is port 0 and 70000 port 4464. Anything
 * else is a service name of /etc/services, TCP's first, then UDP's. udp's and dccp's port ranges
 * are read this way.
 */
public final class ResolvedPorts {
    private ResolvedPorts() {
    }

    /** The port, or -1 when it does not resolve. */
    public static int resolve(String text, Names names) {
        long number = number(text);
        if (number >= 0) {
            return (int) (number & 0xFFFF);
        }
        if (names == null || text.isEmpty()) {
            return -1;
        }
        int port = names.servicePort(text, "tcp");
        return port >= 0 ? port : names.servicePort(text, "udp");
    }

    /** strtoul(text, &end, 10) with *end == '\0', as the int glibc keeps; -1 when not a number or negative. */
    private static long number(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && isSpace(text.charAt(i))) {
            i++;
        }
        boolean minus = false;
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            minus = text.charAt(i) == '-';
            i++;
        }
        int start = i;
        long value = 0;
        boolean overflow = false;
        while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            int d = text.charAt(i) - '0';
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, 10)) > 0) {
                overflow = true;
            }
            value = value * 10 + d;
            i++;
        }
        if (i == start || i != n) {
            return -1;
        }
        if (overflow) {
            value = -1L; // ULONG_MAX, as strtoul on ERANGE
        } else if (minus) {
            value = -value;
        }
        int asInt = (int) value;
        return asInt < 0 ? -1 : asInt;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
