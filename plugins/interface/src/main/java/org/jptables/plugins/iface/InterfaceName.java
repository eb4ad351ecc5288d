package org.jptables.plugins.iface;

import org.jptables.api.RuleException;

/**
 * One interface of the rule header as xtables_parse_interface reads it: a name shorter than
 * IFNAMSIZ (16 with its NUL), where a trailing {@code +} makes the rest a prefix. The kernel
 * compares names under a byte mask: the whole name and its NUL for an exact name, the bytes
 * before {@code +} for a wildcard, nothing at all for a lone {@code +} (which matches any packet,
 * even one without interface).
 *
 * @param text     the name as given and saved, with its {@code +}
 * @param inverted whether {@code !} stood before the option
 */
record InterfaceName(String text, boolean inverted) {
    private static final int IFNAMSIZ = 16;

    static InterfaceName parse(String arg, boolean inverted) throws RuleException {
        if (arg.isEmpty()) {
            throw new RuleException("Empty interface is likely to be undesired");
        }
        // IFNAMSIZ counts bytes, as strlen does
        if (arg.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1 > IFNAMSIZ) {
            throw new RuleException("interface name `" + arg + "' must be shorter than IFNAMSIZ (" + (IFNAMSIZ - 1)
                    + ")");
        }
        // iptables warns on stdout about '/' and ' ' ("weird character") but accepts them: the
        // plugin API has no warning channel, so they are accepted silently.
        return new InterfaceName(arg, inverted);
    }

    boolean wildcard() {
        return text.endsWith("+");
    }

    /** Whether the device name satisfies this header field, inversion included. No allocation. */
    boolean matches(String device) {
        String dev = device == null ? "" : device;
        boolean same;
        if (wildcard()) {
            int prefix = text.length() - 1;
            same = dev.length() >= prefix && dev.regionMatches(0, text, 0, prefix);
        } else {
            same = dev.equals(text);
        }
        return same != inverted;
    }
}
