package org.jptables.plugins.dscptarget;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j DSCP} (libxt_DSCP, the kernel's xt_DSCP.c): sets the DiffServ code point of IPv4
 * packets, the upper six bits of the TOS byte, keeping the two ECN bits, and goes on with the next
 * rule. The kernel's target has {@code .table = "mangle"}: anywhere else the rule is refused when
 * the table is loaded.
 */
@org.pf4j.Extension
public final class DscpTargetExtension implements TargetExtension {
    static final String HELP = ""
            + "DSCP target options\n"
            + "  --set-dscp value\t\tSet DSCP field in packet header to value\n"
            + "  \t\t                This value can be in decimal (ex: 32)\n"
            + "               \t\tor in hex (ex: 0x20)\n"
            + "  --set-dscp-class class\tSet the DSCP field in packet header to the\n"
            + "\t\t\t\tvalue represented by the DiffServ class value.\n"
            + "\t\t\t\tThis class may be EF,BE or any of the CSxx\n"
            + "\t\t\t\tor AFxx classes.\n"
            + "\n"
            + "\t\t\t\tThese two options are mutually exclusive !\n";

    static final String SET_DSCP = "--set-dscp";
    static final String SET_DSCP_CLASS = "--set-dscp-class";

    /** The kernel's xt_target.table: mangle, at every hook it has. */
    static final Placement MANGLE = Placement.table("mangle",
            Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING);

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(SET_DSCP), Option.withArgument(SET_DSCP_CLASS));

    @Override
    public String name() {
        return "DSCP";
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
        return MANGLE;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new DscpTargetBuilder();
    }
}
