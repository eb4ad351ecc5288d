package org.jptables.plugins.addrtype;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads the addrtype options and makes the checks of libxt_addrtype (a type list is required,
 * the two interface limits exclude each other) and of the kernel module (an interface limit must
 * fit the hook). The kernel's hook check can only be made here for rules added to a built-in
 * chain; the API has no per-rule placement for rules in user chains.
 */
final class AddrtypeBuilder implements MatchBuilder {
    /** Refusal of the kernel's checkentry (EINVAL), which iptables words as libiptc does. */
    static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";

    private final RuleContext rule;
    private int source;
    private int destination;
    private boolean sourceInverted;
    private boolean destinationInverted;
    private boolean limitIn;
    private boolean limitOut;

    AddrtypeBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case "--src-type" -> {
                source = AddressTypes.parse(args.get(0));
                sourceInverted = inverted;
            }
            case "--dst-type" -> {
                destination = AddressTypes.parse(args.get(0));
                destinationInverted = inverted;
            }
            case "--limit-iface-in" -> limitIn = true;
            case "--limit-iface-out" -> limitOut = true;
            default -> throw new IllegalArgumentException(option);
        }
    }

    @Override
    public Match build() throws RuleException {
        if (source == 0 && destination == 0) {
            throw new RuleException("addrtype: you must specify --src-type or --dst-type");
        }
        if (limitIn && limitOut) {
            throw new RuleException(
                    "addrtype: option \"--limit-iface-in\" cannot be used together with \"--limit-iface-out\".\n");
        }
        String chain = rule == null ? "" : rule.chain();
        if (limitOut && (chain.equals("PREROUTING") || chain.equals("INPUT"))) {
            throw new RuleException(KERNEL_REFUSAL);
        }
        if (limitIn && (chain.equals("POSTROUTING") || chain.equals("OUTPUT"))) {
            throw new RuleException(KERNEL_REFUSAL);
        }
        return new AddrtypeMatch(source, sourceInverted, destination, destinationInverted, limitIn, limitOut);
    }
}
