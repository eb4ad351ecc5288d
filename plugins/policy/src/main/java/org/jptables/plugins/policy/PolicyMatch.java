package org.jptables.plugins.policy;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_policy's decision. A packet has an IPsec policy only when the host has xfrm states and
 * policies (a security path after decapsulation, an xfrm bundle on its route before
 * encapsulation); jptables' host model has none, so every packet is one without a policy, for
 * which the kernel's match_policy_in/out return -1: {@code --pol none} matches it and
 * {@code --pol ipsec} does not, whatever the elements say.
 *
 * @param in       {@code --dir in} (else out)
 * @param none     {@code --pol none} (else ipsec)
 * @param strict   {@code --strict}
 * @param elements the policy's elements (none for {@code --pol none})
 */
public record PolicyMatch(boolean in, boolean none, boolean strict, List<PolicyElement> elements) implements Match {
    public PolicyMatch {
        elements = List.copyOf(elements);
    }

    @Override
    public boolean matches(Packet packet) {
        return none;
    }

    /**
     * policy_mt_check: an input policy is known only after decapsulation, an output policy only
     * after routing, so "in" is refused at OUTPUT and POSTROUTING and "out" at PREROUTING and INPUT.
     */
    @Override
    public boolean allowedAt(String table, Hook hook) {
        return in ? hook != Hook.OUTPUT && hook != Hook.POSTROUTING : hook != Hook.PREROUTING && hook != Hook.INPUT;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" policy match");
        flags(out, "");
        for (int i = 0; i < elements.size(); i++) {
            if (elements.size() > 1) {
                out.append(" [").append(i).append(']');
            }
            elements.get(i).append(out, "", format.numeric());
        }
    }

    @Override
    public void save(StringBuilder out) {
        flags(out, "--");
        for (int i = 0; i < elements.size(); i++) {
            elements.get(i).append(out, "--", false);
            if (i + 1 < elements.size()) {
                out.append(" --next");
            }
        }
    }

    private void flags(StringBuilder out, String prefix) {
        out.append(' ').append(prefix).append(in ? "dir in" : "dir out");
        out.append(' ').append(prefix).append(none ? "pol none" : "pol ipsec");
        if (strict) {
            out.append(' ').append(prefix).append("strict");
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
