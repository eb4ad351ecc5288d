package org.jptables.plugins.iface;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/**
 * Reads {@code -i} and {@code -o} of one rule, each checked at once as iptables does while it
 * reads the command line. The "Can't use -o with INPUT" refusal is left to the kernel's parser,
 * which makes it after every extension's final check, in iptables' order.
 */
final class InterfaceBuilder implements MatchBuilder {
    private final org.jptables.api.RuleContext rule;
    private InterfaceName in;
    private InterfaceName out;

    InterfaceBuilder(org.jptables.api.RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        InterfaceName name = InterfaceName.parse(args.get(0), inverted, rule);
        if (option.equals(InterfaceExtension.IN)) {
            in = name;
        } else {
            out = name;
        }
    }

    @Override
    public Match build() {
        return new InterfaceMatch(in, out);
    }
}
