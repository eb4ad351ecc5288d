package org.jptables.plugins.icmp;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m icmp} (ip_tables' built-in icmp match): the ICMP type and a range of codes. Loaded
 * by the kernel for {@code -p icmp --icmp-type 8} without {@code -m icmp}.
 */
@org.pf4j.Extension
public final class IcmpExtension implements MatchExtension {
    static final String HELP = ""
            + "icmp match options:\n"
            + "[!] --icmp-type typename\tmatch icmp type\n"
            + "[!] --icmp-type type[/code]\t(or numeric type or type/code)\n"
            + "Valid ICMP Types:\n"
            + "any\n"
            + "echo-reply (pong)\n"
            + "destination-unreachable\n"
            + "   network-unreachable\n"
            + "   host-unreachable\n"
            + "   protocol-unreachable\n"
            + "   port-unreachable\n"
            + "   fragmentation-needed\n"
            + "   source-route-failed\n"
            + "   network-unknown\n"
            + "   host-unknown\n"
            + "   network-prohibited\n"
            + "   host-prohibited\n"
            + "   TOS-network-unreachable\n"
            + "   TOS-host-unreachable\n"
            + "   communication-prohibited\n"
            + "   host-precedence-violation\n"
            + "   precedence-cutoff\n"
            + "source-quench\n"
            + "redirect\n"
            + "   network-redirect\n"
            + "   host-redirect\n"
            + "   TOS-network-redirect\n"
            + "   TOS-host-redirect\n"
            + "echo-request (ping)\n"
            + "router-advertisement\n"
            + "router-solicitation\n"
            + "time-exceeded (ttl-exceeded)\n"
            + "   ttl-zero-during-transit\n"
            + "   ttl-zero-during-reassembly\n"
            + "parameter-problem\n"
            + "   ip-header-bad\n"
            + "   required-option-missing\n"
            + "timestamp-request\n"
            + "timestamp-reply\n"
            + "address-mask-request\n"
            + "address-mask-reply\n";

    static final String TYPE = "--icmp-type";

    private static final List<Option> OPTIONS = List.of(Option.withArgument(TYPE).invertible().mandatory());

    @Override
    public String name() {
        return "icmp";
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new IcmpBuilder(rule);
    }
}
