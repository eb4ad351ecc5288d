package org.jptables.plugins.nat;

import org.jptables.api.Actions;
import org.jptables.api.Effects;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * Binds the packet's connection to the mapping (the kernel does it for the first packet of a
 * connection) and accepts it for this table, as the kernel's NAT targets answer NF_ACCEPT.
 * Listed as libxt_NAT prints: ports and addresses always numeric.
 */
public final class NatTarget implements Target {
    /** The bits {@code Packet.nat} knows. */
    private static final int EFFECT_FLAGS = Effects.NAT_MAP_IPS | Effects.NAT_PROTO_SPECIFIED | Effects.NAT_RANDOM
            | Effects.NAT_PERSISTENT | Effects.NAT_RANDOM_FULLY;

    private final NatKind kind;
    private final NatRange range;
    // the mapping again, in this object: the call and the declaration need not reach the range
    private final int effect;
    private final int minAddress;
    private final int maxAddress;
    private final int minPort;
    private final int maxPort;
    private final int flags;

    NatTarget(NatKind kind, NatRange range) {
        this.kind = kind;
        this.range = range;
        this.effect = kind.effect();
        this.minAddress = range.minAddress();
        this.maxAddress = range.maxAddress();
        this.minPort = range.minPort();
        this.maxPort = range.maxPort();
        this.flags = range.flags() & EFFECT_FLAGS;
    }

    /** Which of the four targets this is. */
    public NatKind kind() {
        return kind;
    }

    /** The mapping: addresses, ports and flags. */
    public NatRange range() {
        return range;
    }

    /** The compiled walk binds the mapping from the table's own memory: kube-proxy's DNAT rules are mostly cold. */
    @Override
    public void declare(Actions actions) {
        actions.nat(effect, minAddress, maxAddress, minPort, maxPort, flags, Verdict.ACCEPT);
    }

    @Override
    public int apply(Packet packet) {
        packet.nat(effect, minAddress, maxAddress, minPort, maxPort, flags);
        return Verdict.ACCEPT;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        render(out, kind.listedPrefix(), "");
    }

    @Override
    public void save(StringBuilder out) {
        render(out, kind.rangeOption() + " ", "--");
    }

    private void render(StringBuilder out, String rangePrefix, String flagPrefix) {
        String text = range.text();
        if (!text.isEmpty()) {
            if (kind.portsOnly() && text.charAt(0) == ':') {
                text = text.substring(1);
            }
            out.append(' ').append(rangePrefix).append(text);
        }
        if ((range.flags() & Effects.NAT_RANDOM) != 0) {
            out.append(' ').append(flagPrefix).append("random");
        }
        if ((range.flags() & Effects.NAT_RANDOM_FULLY) != 0) {
            out.append(' ').append(flagPrefix).append("random-fully");
        }
        if ((range.flags() & Effects.NAT_PERSISTENT) != 0) {
            out.append(' ').append(flagPrefix).append("persistent");
        }
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    /**
     * SNAT, DNAT, MASQUERADE and REDIRECT bind tuples from a pool: a port in use by one connection moves
     * another's (nf_nat_used_tuple).
     */
    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
