package org.jptables.plugins.netmap;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j NETMAP --to ADDRESS[/MASK]} (libipt_NETMAP, the kernel's xt_NETMAP.c): maps the
 * network of the packet's destination (PREROUTING, OUTPUT) or source (POSTROUTING, INPUT) onto the
 * network given, keeping the host part, and binds the connection to that mapping as DNAT or SNAT
 * would. The kernel registers it for the nat table at those four hooks.
 */
@org.pf4j.Extension
public final class NetmapExtension implements TargetExtension {
    static final String HELP = ""
            + "NETMAP target options:\n"
            + "  --to address[/mask]\n"
            + "\t\t\t\tNetwork address to map to.\n\n";

    static final String TO = "--to";

    static final Placement NAT = Placement.table("nat", Hook.PREROUTING, Hook.POSTROUTING, Hook.OUTPUT, Hook.INPUT);

    private static final List<Option> OPTIONS = List.of(Option.withArgument(TO).mandatory());

    @Override
    public String name() {
        return "NETMAP";
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
    public Placement placement() {
        return NAT;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TargetBuilder() {
            private NetmapTarget target;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                target = NetmapTarget.of(HostMask.parse(option, args.get(0), rule.names()));
            }

            @Override
            public Target build() throws RuleException {
                if (target == null) {
                    throw new RuleException("NETMAP: option \"--to\" must be specified\n");
                }
                return target;
            }
        };
    }
}
