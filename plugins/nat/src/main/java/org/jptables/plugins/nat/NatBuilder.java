package org.jptables.plugins.nat;

import java.util.List;
import org.jptables.api.Effects;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads a NAT target's options as libxt_NAT does: each option when it is met, with the protocol
 * the rule has named so far (so {@code -j DNAT --to-destination 1.1.1.1:80 -p tcp} is refused as in
 * iptables).
 */
final class NatBuilder implements TargetBuilder {
    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int DCCP = 33;
    private static final int UDP = 17;
    private static final int SCTP = 132;

    private final NatKind kind;
    private final RuleContext rule;
    private NatRange range = NatRange.EMPTY;

    NatBuilder(NatKind kind, RuleContext rule) {
        this.kind = kind;
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case NatKind.RANDOM -> range = range.withFlags(Effects.NAT_RANDOM);
            case NatKind.RANDOM_FULLY -> range = range.withFlags(Effects.NAT_RANDOM_FULLY);
            case NatKind.PERSISTENT -> range = range.withFlags(Effects.NAT_PERSISTENT);
            default -> {
                NatRangeParser parser = new NatRangeParser(rule.names(), portsAllowed(rule.protocol()));
                NatRange read = kind.portsOnly() ? parser.ports(args.get(0)) : parser.addressesAndPorts(args.get(0));
                // the flags given so far stay; the range replaces the one before
                range = new NatRange(read.flags() | range.flags(), read.minAddress(), read.maxAddress(),
                        read.minPort(), read.maxPort(), keptBase(read.basePort()));
            }
        }
    }

    /** Only DNAT revision 2 has room for the base port; the others keep the flag and print /0. */
    private int keptBase(int base) {
        return kind == NatKind.DNAT ? base : 0;
    }

    /** libxt_NAT's portok: the protocol number only, whether or not {@code !} preceded it. */
    private static boolean portsAllowed(int protocol) {
        return protocol == TCP || protocol == UDP || protocol == SCTP || protocol == DCCP || protocol == ICMP;
    }

    @Override
    public Target build() throws RuleException {
        if (kind == NatKind.REDIRECT && (range.flags() & NatRange.PROTO_OFFSET) != 0) {
            throw new RuleException("Shifted portmap ranges not supported with this kernel");
        }
        return new NatTarget(kind, range);
    }
}
