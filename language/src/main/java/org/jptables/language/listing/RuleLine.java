package org.jptables.language.listing;

import org.jptables.api.Addresses;
import org.jptables.api.ListingFormat;
import org.jptables.api.Names;
import org.jptables.kernel.model.MatchUse;
import org.jptables.kernel.model.Rule;

/**
 * The line iptables prints for each rule a verbose {@code -A}, {@code -I}, {@code -R}, {@code -D}
 * or {@code -C} handles (print_firewall_line):
 * {@code DROP  tcp opt -- in eth0 out * !10.0.0.0/8  -> 0.0.0.0/0   tcp dpt:22}. Addresses and the
 * extensions' words are numeric, protocols named only where iptables itself knows the name
 * (tcp, udp, icmp, ...; not /etc/protocols); checked against iptables-legacy 1.8.9.
 */
public final class RuleLine {
    private RuleLine() {
    }

    public static String of(Rule rule, Names names) {
        HeaderFields h = HeaderFields.of(rule.matchUses());
        StringBuilder out = new StringBuilder();
        out.append(rule.listedTargetName()).append(' ');
        out.append(h.protocolInverted ? '!' : ' ');
        // numeric, as the addresses: only the protocols iptables knows itself have names here
        out.append(Protocols.chainProtoName(h.protocol, Integer.toString(h.protocol)));
        out.append(" opt ").append(h.fragmentInverted ? '!' : '-').append(h.fragment ? 'f' : '-').append(' ');
        out.append("in ").append(h.inInverted ? "!" : "").append(h.in.isEmpty() ? "*" : h.in).append(' ');
        out.append("out ").append(h.outInverted ? "!" : "").append(h.out.isEmpty() ? "*" : h.out).append(' ');
        out.append(h.sourceInverted ? '!' : ' ').append(address(h.source, h.sourceMask)).append("  ");
        out.append("->").append(h.destinationInverted ? '!' : ' ').append(address(h.destination, h.destinationMask))
                .append("  ");
        if (rule.isGoto()) {
            out.append("[goto] ");
        }
        ListingFormat format = new ListingFormat(true, names);
        for (MatchUse u : rule.matchUses()) {
            if (!u.extension().implicit()) {
                u.match().print(out, format);
            }
        }
        if (rule.target() != null) {
            rule.target().target().print(out, format);
        }
        return out.toString();
    }

    private static String address(int address, int mask) {
        String text = Addresses.format(address);
        if (mask == -1) {
            return text;
        }
        int bits = Masks.prefixLength(mask);
        return text + "/" + (bits >= 0 ? Integer.toString(bits) : Addresses.format(mask));
    }
}
