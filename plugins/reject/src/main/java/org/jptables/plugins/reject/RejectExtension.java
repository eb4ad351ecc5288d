package org.jptables.plugins.reject;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j REJECT} (ipt_REJECT): drops the packet and answers it. The kernel module registers
 * for the filter table only, at INPUT, FORWARD and OUTPUT (iptables 1.8.9 refuses it in mangle,
 * nat and raw with "Invalid argument").
 */
@org.pf4j.Extension
public final class RejectExtension implements TargetExtension {
    static final String HELP = ""
            + "REJECT target options:\n"
            + "--reject-with type              drop input packet and send back\n"
            + "                                a reply packet according to type:\n"
            + "Valid reject types:\n"
            + "    icmp-net-unreachable     \tICMP network unreachable\n"
            + "    net-unreach              \talias\n"
            + "    icmp-host-unreachable    \tICMP host unreachable\n"
            + "    host-unreach             \talias\n"
            + "    icmp-proto-unreachable   \tICMP protocol unreachable\n"
            + "    proto-unreach            \talias\n"
            + "    icmp-port-unreachable    \tICMP port unreachable (default)\n"
            + "    port-unreach             \talias\n"
            + "    icmp-net-prohibited      \tICMP network prohibited\n"
            + "    net-prohib               \talias\n"
            + "    icmp-host-prohibited     \tICMP host prohibited\n"
            + "    host-prohib              \talias\n"
            + "    tcp-reset                \tTCP RST packet\n"
            + "    tcp-rst                  \talias\n"
            + "    icmp-admin-prohibited    \tICMP administratively prohibited (*)\n"
            + "    admin-prohib             \talias\n"
            + "\n"
            + "(*) See man page or read the INCOMPATIBILITES file for compatibility issues.\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--reject-with"));

    @Override
    public String name() {
        return "REJECT";
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
        return Placement.table("filter", Hook.INPUT, Hook.FORWARD, Hook.OUTPUT);
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new RejectBuilder(rule);
    }
}
