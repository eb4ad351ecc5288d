package org.jptables.plugins.reject;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * Asks the kernel for the answer of the chosen type and drops the packet. Both -L and -S always
 * name the type, the default icmp-port-unreachable included.
 */
public final class RejectTarget implements Target {
    private final RejectType type;

    RejectTarget(RejectType type) {
        this.type = type;
    }

    /** The answer this rule sends. */
    public RejectType type() {
        return type;
    }

    @Override
    public int apply(Packet packet) {
        packet.reject(type.code());
        return Verdict.DROP;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" reject-with ").append(type.text());
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --reject-with ").append(type.text());
    }

    /**
     * The answer is made from this packet alone (the host's ICMP rate limit belongs to the kernel's path,
     * not to REJECT).
     */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
