package org.jptables.plugins.conntrack;

import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * A {@code port[:port]} argument as libxtables 1.8.9 reads it (XTTYPE_PORTRC): each side a decimal
 * number (kept modulo 65536, as the C code stores it in 16 bits) or a service name; an empty side
 * means 0 or 65535. A single port is the range port:port. Reversed ranges are kept as given.
 */
record PortRange(int low, int high) {

    static PortRange parse(String option, String arg, Names names) throws RuleException {
        String[] parts = arg.split(":", -1);
        if (parts.length > 2) {
            throw new RuleException("conntrack: Too many components for option \"" + option + "\" (max: 2)\n");
        }
        int low = parts[0].isEmpty() ? 0 : port(parts[0], names);
        if (parts.length == 1) {
            return new PortRange(low, low);
        }
        int high = parts[1].isEmpty() ? 65535 : port(parts[1], names);
        return new PortRange(low, high);
    }

    private static int port(String text, Names names) throws RuleException {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (!digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            java.math.BigInteger v = new java.math.BigInteger(digits);
            if (v.bitLength() <= 64) {
                return v.intValue() & 0xFFFF;
            }
        } else if (names != null) {
            int p = names.servicePort(text, "tcp");
            if (p < 0) {
                p = names.servicePort(text, "udp");
            }
            if (p >= 0) {
                return p;
            }
        }
        throw new RuleException("Port \"" + text + "\" does not resolve to anything.\n");
    }

    boolean contains(int port) {
        return port >= low && port <= high;
    }

    /** As conntrack_dump_ports: one number when the range is one port (or its top is 0). */
    void format(StringBuilder out) {
        out.append(low);
        if (high != 0 && high != low) {
            out.append(':').append(high);
        }
    }
}
