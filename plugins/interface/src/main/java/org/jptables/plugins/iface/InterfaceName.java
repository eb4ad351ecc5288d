package org.jptables.plugins.iface;

import org.jptables.api.RuleException;

/**
 * One interface of the rule header as xtables_parse_interface reads it: a name shorter than
 * IFNAMSIZ (16 with its NUL), where a trailing {@code +} makes the rest a prefix. The kernel
 * compares names under a byte mask: the whole name and its NUL for an exact name, the bytes
 * before {@code +} for a wildcard, nothing at all for a lone {@code +} (which matches any packet,
 * even one without interface).
 */
final class InterfaceName {
    private static final int IFNAMSIZ = 16;

    private final String text;
    private final boolean inverted;
    /** How many leading characters a wildcard compares, or -1 for an exact name. */
    private final int prefix;

    private InterfaceName(String text, boolean inverted) {
        this.text = text;
        this.inverted = inverted;
        this.prefix = text.endsWith("+") ? text.length() - 1 : -1;
    }

    /** The name as given and saved, with its {@code +}. */
    String text() {
        return text;
    }

    /** The part of the name the kernel compares: all of it, or what stands before the {@code +}. */
    String compared() {
        return prefix >= 0 ? text.substring(0, prefix) : text;
    }

    /** Whether the name ends in the {@code +} wildcard. */
    boolean isPrefix() {
        return prefix >= 0;
    }

    /** Whether {@code !} stood before the option. */
    boolean inverted() {
        return inverted;
    }

    static InterfaceName parse(String arg, boolean inverted, org.jptables.api.RuleContext rule) throws RuleException {
        if (arg.isEmpty()) {
            throw new RuleException("Empty interface is likely to be undesired");
        }
        // IFNAMSIZ counts bytes, as strlen does
        if (arg.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1 > IFNAMSIZ) {
            throw new RuleException("interface name `" + arg + "' must be shorter than IFNAMSIZ (" + (IFNAMSIZ - 1)
                    + ")");
        }
        // iptables accepts '/' and ' ' with a warning: the kernel would refuse such a device name
        if (rule != null && (arg.indexOf('/') >= 0 || arg.indexOf(' ') >= 0)) {
            rule.warn("Warning: weird character in interface `" + arg + "' ('/' and ' ' are not allowed by the kernel).");
        }
        return new InterfaceName(arg, inverted);
    }

    /** Whether the device name satisfies this header field, inversion included. No allocation. */
    boolean matches(String device) {
        String dev = device == null ? "" : device;
        boolean same;
        if (prefix >= 0) {
            same = dev.length() >= prefix && dev.regionMatches(0, text, 0, prefix);
        } else {
            same = dev.equals(text);
        }
        return same != inverted;
    }
}
