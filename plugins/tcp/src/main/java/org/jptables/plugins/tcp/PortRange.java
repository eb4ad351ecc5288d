package org.jptables.plugins.tcp;

import org.jptables.api.ListingFormat;
import org.jptables.api.Names;
import org.jptables.api.Ports;
import org.jptables.api.RuleException;

/**
 * An inclusive port range of {@code --sport}/{@code --dport}, inverted or not. The full range
 * 0:65535 is what a rule without the option holds, so it is neither printed nor saved (unless
 * inverted, which -L still shows).
 */
record PortRange(int min, int max, boolean inverted) {
    static final PortRange ANY = new PortRange(0, 0xFFFF, false);

    /**
     * {@code port}, {@code a:b}, {@code a:} or {@code :b} as libxt_tcp splits them: at the first
     * colon, an empty side meaning 0 or 65535.
     */
    static PortRange parse(String text, boolean inverted, Names names) throws RuleException {
        int colon = text.indexOf(':');
        if (colon < 0) {
            int port = ServicePort.parse(text, names);
            return new PortRange(port, port, inverted);
        }
        String low = text.substring(0, colon);
        String high = text.substring(colon + 1);
        int min = low.isEmpty() ? 0 : ServicePort.parse(low, names);
        int max = high.isEmpty() ? 0xFFFF : ServicePort.parse(high, names);
        if (min > max) {
            throw new RuleException("invalid portrange (min > max)");
        }
        return new PortRange(min, max, inverted);
    }

    /** The kernel's port_match: inside the range, flipped by {@code !}. */
    boolean matches(int port) {
        return (port >= min && port <= max) != inverted;
    }

    boolean isAny() {
        return min == 0 && max == 0xFFFF;
    }

    /** {@code " spt:ssh"}, {@code " dpts:!0:1023"}; nothing for the unrestricted range. */
    void print(StringBuilder out, String label, ListingFormat format) {
        if (isAny() && !inverted) {
            return;
        }
        String not = inverted ? "!" : "";
        out.append(' ').append(label);
        if (min == max) {
            out.append(':').append(not).append(Ports.format(min, "tcp", format));
        } else {
            out.append("s:").append(not).append(Ports.format(min, "tcp", format)).append(':')
                    .append(Ports.format(max, "tcp", format));
        }
    }

    /** {@code " --sport 1024:65535"}, {@code " ! --dport 22"}; nothing for 0:65535, even inverted. */
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
