package org.jptables.plugins.reject;

import java.util.List;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/** Reads {@code --reject-with}; a TCP reset needs a rule limited to TCP, as ipt_REJECT checks. */
final class RejectBuilder implements TargetBuilder {
    /** ipt_REJECT's checkentry answers -EINVAL, which iptables prints with this text. */
    static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";
    private static final int TCP = 6;

    private final RuleContext rule;
    private RejectType type = RejectType.PORT_UNREACHABLE;

    RejectBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String word = args.get(0);
        RejectType named = RejectType.named(word);
        if (named == null) {
            throw new RuleException("unknown reject type \"" + word + "\"");
        }
        type = named;
    }

    @Override
    public Target build() throws RuleException {
        // checked by the kernel module when the table is loaded, hence the errno text and status 1
        if (type == RejectType.TCP_RESET && (rule.protocol() != TCP || rule.protocolInverted())) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        return new RejectTarget(type);
    }
}
