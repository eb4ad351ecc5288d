package org.jptables.plugins.dccp;

import org.jptables.api.ListingFormat;
import org.jptables.api.Names;
import org.jptables.api.Ports;
import org.jptables.api.ResolvedPorts;
import org.jptables.api.RuleException;

/**
 * A port range of --sport/--dport as libxtables' XTTYPE_PORTRC reads it (two colon-separated
 * parts at most, an empty part keeping 0 or 65535, the ends kept as given: {@code 4:3} matches
 * nothing) and as libxt_dccp prints it, dccp's own service names in listings.
 */
record PortRange(int min, int max, boolean inverted) {
    static PortRange parse(String text, boolean inverted, String option, Names names) throws RuleException {
        int[] range = {0, 0xFFFF};
        String[] parts = text.split(":", -1);
        if (parts.length > 2) {
            throw new RuleException("dccp: Too many components for option \"" + option + "\" (max: 2)\n");
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            int port = ResolvedPorts.resolve(parts[i], names);
            if (port < 0) {
                throw new RuleException("Port \"" + parts[i] + "\" does not resolve to anything.\n");
            }
            range[i] = port;
        }
        if (parts.length == 1) {
            range[1] = range[0];
        }
        return new PortRange(range[0], range[1], inverted);
    }

    /** DCCHECK of a port: inside the range, flipped by "!". */
    boolean matches(int port) {
        return (port >= min && port <= max) != inverted;
    }

    void print(StringBuilder out, String label, ListingFormat format) {
        if (min == 0 && max == 0xFFFF && !inverted) {
            return;
        }
        String not = inverted ? "!" : "";
        out.append(' ').append(label);
        if (min == max) {
            out.append(':').append(not).append(Ports.format(min, "dccp", format));
        } else {
            out.append("s:").append(not).append(Ports.format(min, "dccp", format)).append(':')
                    .append(Ports.format(max, "dccp", format));
        }
    }

    /** dccp_save: always written when given, the whole range too. */
    void save(StringBuilder out, String option) {
        out.append(inverted ? " !" : "").append(' ').append(option).append(' ').append(min);
        if (min != max) {
            out.append(':').append(max);
        }
    }
}
