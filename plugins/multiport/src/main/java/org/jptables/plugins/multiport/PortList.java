package org.jptables.plugins.multiport;

import java.util.Arrays;
import org.jptables.api.ListingFormat;
import org.jptables.api.Names;
import org.jptables.api.Ports;
import org.jptables.api.RuleException;

/**
 * The ports of xt_multiport_v1: {@code ports[i]} with {@code range[i]} set on both ends of a
 * range {@code a:b} (so a range takes two of the 15 places).
 */
final class PortList {
    static final int MAX = 15;

    private final int[] ports;
    private final boolean[] range;

    private PortList(int[] ports, boolean[] range) {
        this.ports = ports;
        this.range = range;
    }

    /**
     * {@code 80,443,8000:8100} as libxt_multiport's parse_multi_ports_v1: items split at commas,
     * a range at its first colon, ends in increasing order ({@code 22:22} is refused).
     */
    static PortList parse(String text, String protocol, Names names) throws RuleException {
        int[] ports = new int[MAX];
        boolean[] range = new boolean[MAX];
        int i = 0;
        String rest = text;
        while (rest != null && i < MAX) {
            int comma = rest.indexOf(',');
            String item = comma < 0 ? rest : rest.substring(0, comma);
            rest = comma < 0 ? null : rest.substring(comma + 1);
            int colon = item.indexOf(':');
            if (colon >= 0 && i == MAX - 1) {
                throw new RuleException("too many ports specified");
            }
            ports[i] = ServicePort.parse(colon < 0 ? item : item.substring(0, colon), protocol, names);
            if (colon >= 0) {
                range[i] = true;
                ports[++i] = ServicePort.parse(item.substring(colon + 1), protocol, names);
                if (ports[i - 1] >= ports[i]) {
                    throw new RuleException("invalid portrange specified");
                }
                range[i] = true;
            }
            i++;
        }
        if (rest != null && i == MAX) {
            throw new RuleException("too many ports specified");
        }
        return new PortList(Arrays.copyOf(ports, i), Arrays.copyOf(range, i));
    }

    int count() {
        return ports.length;
    }

    /** The list as inclusive ranges {@code [low, high, low, high, ...]}, a single port as {@code p, p}. */
    int[] ranges() {
        int[] out = new int[ports.length * 2];
        int n = 0;
        for (int i = 0; i < ports.length; i++) {
            out[n++] = ports[i];
            if (range[i]) {
                out[n++] = ports[++i];
            } else {
                out[n++] = ports[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Whether {@code port} is one of the ports or within one of the ranges. */
    boolean contains(int port) {
        for (int i = 0; i < ports.length; i++) {
            if (range[i]) {
                if (port >= ports[i] && port <= ports[i + 1]) {
                    return true;
                }
                i++;
            } else if (port == ports[i]) {
                return true;
            }
        }
        return false;
    }

    /** Either port in the list, in the kernel's order (one pass over the list). */
    boolean containsEither(int source, int destination) {
        for (int i = 0; i < ports.length; i++) {
            if (range[i]) {
                if ((destination >= ports[i] && destination <= ports[i + 1])
                        || (source >= ports[i] && source <= ports[i + 1])) {
                    return true;
                }
                i++;
            } else if (source == ports[i] || destination == ports[i]) {
                return true;
            }
        }
        return false;
    }

    /** {@code 80,443,8000:8100}, with service names of {@code protocol} unless numeric. */
    void append(StringBuilder out, String protocol, ListingFormat format) {
        for (int i = 0; i < ports.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(Ports.format(ports[i], protocol, format));
            if (range[i]) {
                out.append(':').append(Ports.format(ports[++i], protocol, format));
            }
        }
    }
}
