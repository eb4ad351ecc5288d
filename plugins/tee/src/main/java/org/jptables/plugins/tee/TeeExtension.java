package org.jptables.plugins.tee;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j TEE --gateway IP [--oif NAME]} (xt_TEE revision 1, IPv4): a copy of the packet is
 * routed to the gateway, the packet itself goes on with the next rule. Usable in every table and
 * chain, as the kernel puts no limit on it.
 */
@org.pf4j.Extension
public final class TeeExtension implements TargetExtension {
    static final String HELP = "TEE target options:\n"
            + "  --gateway IPADDR    Route packet via the gateway given by address\n"
            + "  --oif NAME          Include oif in route calculation\n\n";

    /** libxt_TEE's IPv4 table: the gateway is mandatory, the device optional. */
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--gateway").mandatory(),
            Option.withArgument("--oif"));

    @Override
    public String name() {
        return "TEE";
    }

    @Override
    public int revision() {
        return 1;
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TeeBuilder(rule);
    }
}
