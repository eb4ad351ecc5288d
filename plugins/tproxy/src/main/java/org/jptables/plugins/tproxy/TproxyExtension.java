package org.jptables.plugins.tproxy;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j TPROXY --on-port PORT [--on-ip ADDR] [--tproxy-mark VALUE[/MASK]]} (xt_TPROXY revision 1,
 * the one iptables 1.8.9 uses): the packet is handed to a transparent socket of the host without
 * its addresses being changed. The kernel registers it for the mangle table's PREROUTING alone and
 * its check wants {@code -p tcp} or {@code -p udp}.
 */
@org.pf4j.Extension
public final class TproxyExtension implements TargetExtension {
    static final String HELP = "TPROXY target options:\n"
            + "  --on-port port\t\t    Redirect connection to port, or the original port if 0\n"
            + "  --on-ip ip\t\t\t    Optionally redirect to the given IP\n"
            + "  --tproxy-mark value[/mask]\t    Mark packets with the given value/mask\n\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--on-port").mandatory(),
            Option.withArgument("--on-ip"),
            Option.withArgument("--tproxy-mark"));

    private static final Placement PLACEMENT = Placement.table("mangle", Hook.PREROUTING);

    @Override
    public String name() {
        return "TPROXY";
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
    public Placement placement() {
        return PLACEMENT;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TproxyBuilder(rule);
    }
}
