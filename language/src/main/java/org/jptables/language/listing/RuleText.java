package org.jptables.language.listing;

import java.util.List;
import org.jptables.api.Addresses;
import org.jptables.api.Names;
import org.jptables.kernel.model.MatchUse;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.TargetUse;

/**
 * A rule as {@code iptables -S} and iptables-save write it (iptables' print_rule4): header fields
 * in the fixed order -s -d -i -o -p -f, then each match with {@code -m NAME}, then the target.
 */
public final class RuleText {
    private RuleText() {
    }

    /** The text after {@code -A CHAIN}: each part with a leading space. */
    public static String spec(List<MatchUse> uses, TargetUse target, String jumpName, boolean isGoto, Names names) {
        return spec(uses, target, jumpName, isGoto, names, false);
    }

    /**
     * {@code restorable}: for jptables' state file, which must read back whatever iptables accepted.
     * iptables-save drops {@code -i +} and prints a name with a space as it is ({@code -i eth 0}),
     * which no restore reads back as the same rule; the restorable form keeps and quotes them.
     */
    public static String spec(List<MatchUse> uses, TargetUse target, String jumpName, boolean isGoto, Names names,
                              boolean restorable) {
        StringBuilder out = new StringBuilder();
        HeaderFields h = HeaderFields.of(uses);
        address(out, "-s", h.source, h.sourceMask, h.sourceInverted);
        address(out, "-d", h.destination, h.destinationMask, h.destinationInverted);
        iface(out, 'i', h.in, h.inInverted, restorable);
        iface(out, 'o', h.out, h.outInverted, restorable);
        if (h.protocol != 0) {
            out.append(h.protocolInverted ? " !" : "").append(" -p ");
            String name = names.protocolName(h.protocol);
            out.append(name != null ? name : Protocols.chainProtoName(h.protocol, Integer.toString(h.protocol)));
        }
        if (h.fragment) {
            out.append(h.fragmentInverted ? " !" : "").append(" -f");
        }
        for (MatchUse u : uses) {
            if (!u.extension().implicit()) {
                out.append(" -m ").append(u.extension().name());
                u.match().save(out);
            }
        }
        if (target != null) {
            out.append(" -j ").append(target.name());
            target.target().save(out);
        } else if (jumpName != null && !jumpName.isEmpty()) {
            out.append(isGoto ? " -g " : " -j ").append(jumpName);
        }
        return out.toString();
    }

    /** {@code -A CHAIN} and the rule, with {@code [p:b] } before when counters are asked for. */
    public static String save(String chain, Rule rule, boolean counters) {
        String prefix = counters ? "[" + Long.toUnsignedString(rule.counters().packets()) + ":"
                + Long.toUnsignedString(rule.counters().bytes()) + "] " : "";
        return prefix + "-A " + chain + rule.spec();
    }

    /** {@link #save} in the form the state file keeps: it restores to this very rule. */
    public static String restorable(String chain, Rule rule, boolean counters) {
        String prefix = counters ? "[" + Long.toUnsignedString(rule.counters().packets()) + ":"
                + Long.toUnsignedString(rule.counters().bytes()) + "] " : "";
        return prefix + "-A " + chain + rule.restorableSpec();
    }

    /** {@code -S -v}: the counters as {@code -c P B} before the target. */
    public static String saveWithInlineCounters(String chain, Rule rule) {
        String spec = rule.spec();
        String c = " -c " + Long.toUnsignedString(rule.counters().packets()) + " "
                + Long.toUnsignedString(rule.counters().bytes());
        int at = targetStart(rule, spec);
        return "-A " + chain + spec.substring(0, at) + c + spec.substring(at);
    }

    private static int targetStart(Rule rule, String spec) {
        if (rule.target() == null && rule.jump() == null) {
            return spec.length();
        }
        String marker = (rule.isGoto() ? " -g " : " -j ") + rule.targetName();
        int at = spec.lastIndexOf(marker);
        // the target's own options never contain " -j NAME", so the last one is the target
        return at < 0 ? spec.length() : at;
    }

    private static void address(StringBuilder out, String flag, int address, int mask, boolean inverted) {
        if (mask == 0 && address == 0 && !inverted) {
            return;
        }
        out.append(inverted ? " !" : "").append(' ').append(flag).append(' ').append(Addresses.format(address));
        int bits = Masks.prefixLength(mask);
        out.append('/').append(bits >= 0 ? Integer.toString(bits) : Addresses.format(mask));
    }

    private static void iface(StringBuilder out, char letter, String name, boolean inverted, boolean restorable) {
        if (name.isEmpty() || (name.equals("+") && !restorable)) {
            return;
        }
        out.append(inverted ? " !" : "").append(" -").append(letter).append(' ');
        if (restorable && (name.indexOf(' ') >= 0 || name.indexOf('"') >= 0 || name.indexOf('\\') >= 0)) {
            out.append('"').append(name.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            out.append(name);
        }
    }
}
