package org.jptables.plugins.udp;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** Reads one rule's udp options as libxt_udp with libxtables' port-range type. */
final class UdpBuilder implements MatchBuilder {
    /** What the kernel says when a rule's protocol is not (or not only) UDP: -EINVAL from x_tables. */
    static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";
    private static final int UDP = 17;

    private final RuleContext rule;
    private PortRange source = PortRange.ANY;
    private PortRange destination = PortRange.ANY;

    UdpBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String name, List<String> args, boolean inverted) throws RuleException {
        PortRange range = PortRange.parse(args.get(0), inverted, name, rule.names());
        if (name.equals(UdpExtension.SOURCE_PORT)) {
            source = range;
        } else {
            destination = range;
        }
    }

    /** The kernel's udp match is registered for IPPROTO_UDP: any other (or a negated) -p is -EINVAL. */
    @Override
    public Match build() throws RuleException {
        if (rule.protocol() != UDP || rule.protocolInverted()) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        return new UdpMatch(source, destination);
    }
}
