package org.jptables.live.host;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jptables.kernel.host.HostConfig;

/**
 * Writes a {@link HostConfig} in the shape of conf/host.yaml (interfaces as block mappings,
 * neighbours and routes one flow mapping a line), so that what the daemon sees can be read, diffed
 * against the file, or saved as one.
 */
final class HostYaml {
    /** A scalar YAML reads back as this very string; anything else is quoted. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@-]*");
    /** Words YAML 1.1 (SnakeYAML, hence Jackson) would read as a boolean or null. */
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private HostYaml() {
    }

    static String write(HostConfig config, List<String> comments) {
        StringBuilder out = new StringBuilder("# The host as its kernel reports it (rtnetlink)\n");
        for (String c : comments) {
            out.append("# left out: ").append(c.replace('\n', ' ')).append('\n');
        }
        if (config.forwarding() != null) {
            out.append("forwarding: ").append(config.forwarding()).append('\n');
        }
        out.append("interfaces:").append(empty(config.interfaces())).append('\n');
        for (HostConfig.InterfaceConfig i : list(config.interfaces())) {
            out.append("  - name: ").append(scalar(i.name())).append('\n');
            if (i.index() != null) {
                out.append("    index: ").append(i.index()).append('\n');
            }
            if (i.mac() != null) {
                out.append("    mac: ").append(quoted(i.mac())).append('\n');
            }
            out.append("    addresses: [");
            List<String> addresses = list(i.addresses());
            for (int a = 0; a < addresses.size(); a++) {
                out.append(a == 0 ? "" : ", ").append(quoted(addresses.get(a)));
            }
            out.append("]\n");
            if (i.mtu() != null) {
                out.append("    mtu: ").append(i.mtu()).append('\n');
            }
            if (i.up() != null && !i.up()) {
                out.append("    up: false\n");
            }
        }
        out.append("neighbours:").append(empty(config.neighbours())).append('\n');
        for (HostConfig.NeighbourConfig n : list(config.neighbours())) {
            out.append("  - {address: ").append(n.address()).append(", mac: ").append(quoted(n.mac()));
            if (n.device() != null) {
                out.append(", device: ").append(scalar(n.device()));
            }
            out.append("}\n");
        }
        out.append("routes:").append(empty(config.routes())).append('\n');
        for (HostConfig.RouteConfig r : list(config.routes())) {
            out.append("  - {destination: ").append(r.destination());
            if (r.via() != null) {
                out.append(", via: ").append(r.via());
            }
            if (r.device() != null) {
                out.append(", device: ").append(scalar(r.device()));
            }
            if (r.source() != null) {
                out.append(", source: ").append(r.source());
            }
            out.append("}\n");
        }
        return out.toString();
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String empty(List<?> list) {
        return list == null || list.isEmpty() ? " []" : "";
    }

    /** An interface name as is when YAML keeps it a string, else quoted (Linux allows "0x10" or "a#b"). */
    static String scalar(String text) {
        return PLAIN.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(Locale.ROOT)) ? text : quoted(text);
    }

    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
