package org.jptables.plugins.udp;

import org.jptables.api.ListingFormat;
import org.jptables.api.Names;
import org.jptables.api.Ports;
import org.jptables.api.ResolvedPorts;
import org.jptables.api.RuleException;

/**
 * An inclusive port range of {@code --sport}/{@code --dport}, inverted or not. libxtables does
 * not order the two ends for udp: {@code 5:4} is kept, and matches nothing.
 */
record PortRange(int min, int max, boolean inverted) {
    static final PortRange ANY = new PortRange(0, 0xFFFF, false);

    /**
     * The port-range option type of libxtables (XTTYPE_PORTRC): at most two colon-separated
     * parts, an empty part leaving its default (0 for the first, 65535 for the second), a single
     * port meaning itself as both ends.
     *
     * @param option the option's declared name, for the messages
     */
    static PortRange parse(String text, boolean inverted, String option, Names names) throws RuleException {
        int[] range = {0, 0xFFFF};
        String[] parts = text.split(":", -1);
        if (parts.length > 2) {
            throw new RuleException("udp: Too many components for option \"" + option + "\" (max: 2)");
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            int port = ResolvedPorts.resolve(parts[i], names);
            if (port < 0) {
                throw new RuleException("Port \"" + parts[i] + "\" does not resolve to anything.");
            }
            range[i] = port;
        }
        if (parts.length == 1) {
            range[1] = range[0];
        }
        return new PortRange(range[0], range[1], inverted);
    }

    /** The kernel's port_match: inside the range, flipped by {@code !}. */
    boolean matches(int port) {
        return (port >= min && port <= max) != inverted;
    }

    boolean isAny() {
        return min == 0 && max == 0xFFFF;
    }

    /** {@code " spt:domain"}, {@code " dpts:!0:1023"}; nothing for the unrestricted range. */
    void print(StringBuilder out, String label, ListingFormat format) {
        if (isAny() && !inverted) {
            return;
        }
        String not = inverted ? "!" : "";
        out.append(' ').append(label);
        if (min == max) {
            out.append(':').append(not).append(Ports.format(min, "udp", format));
        } else {
            out.append("s:").append(not).append(Ports.format(min, "udp", format)).append(':')
                    .append(Ports.format(max, "udp", format));
        }
    }

    /** {@code " --sport 1024:65535"}, {@code " ! --dport 53"}; nothing for 0:65535, even inverted. */
    void save(StringBuilder out, String option) {
        if (isAny()) {
            return;
        }
        if (inverted) {
            out.append(" !");
        }
        out.append(' ').append(option).append(' ').append(min);
        if (min != max) {
            out.append(':').append(max);
        }
    }
}
