package org.jptables.plugins.icmp;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** Reads {@code --icmp-type}; the kernel refuses the match in a rule that is not {@code -p icmp}. */
final class IcmpBuilder implements MatchBuilder {
    static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";
    private static final int ICMP = 1;

    private final RuleContext rule;
    private IcmpType type;
    private boolean inverted;

    IcmpBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String name, List<String> args, boolean inverted) throws RuleException {
        this.type = IcmpType.parse(args.get(0));
        this.inverted = inverted;
    }

    @Override
    public Match build() throws RuleException {
        if (rule.protocol() != ICMP || rule.protocolInverted()) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        // --icmp-type is mandatory: the kernel's parser refuses the rule before it gets here without one
        return new IcmpMatch(type == null ? new IcmpType(IcmpTypes.ANY, 0, 0xFF) : type, inverted);
    }
}
