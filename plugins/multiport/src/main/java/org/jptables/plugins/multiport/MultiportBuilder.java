package org.jptables.plugins.multiport;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads one rule's multiport option as libxt_multiport revision 1. The protocol is checked when
 * the option is read, as iptables does, so {@code -p} must come before {@code -m multiport}.
 */
final class MultiportBuilder implements MatchBuilder {
    private final RuleContext rule;
    private String option;
    private PortList ports;
    private boolean inverted;
    private String protocol;
    private boolean sources;
    private boolean destinations;
    private boolean either;

    MultiportBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String name, List<String> args, boolean inverted) throws RuleException {
        String proto = protocolName();
        PortList list = PortList.parse(args.get(0), proto, rule.names());
        switch (name) {
            case MultiportExtension.SOURCE_PORTS -> sources = true;
            case MultiportExtension.DESTINATION_PORTS -> destinations = true;
            default -> either = true;
        }
        this.option = name;
        this.ports = list;
        this.inverted = inverted;
        this.protocol = proto;
    }

    /** check_proto: the protocols xt_multiport serves, by the name services are looked up for. */
    private String protocolName() throws RuleException {
        if (rule.protocolInverted()) {
            throw new RuleException("multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
        }
        return switch (rule.protocol()) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 136 -> "udplite";
            case 132 -> "sctp";
            case 33 -> "dccp";
            case 0 -> throw new RuleException(
                    "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
            default -> throw new RuleException("multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
        };
    }

    /**
     * "expection an option" (sic) without an option; then libxtables' exclusion check, which
     * walks the option table in order and names the first excluded option found.
     */
    @Override
    public Match build() throws RuleException {
        if (option == null) {
            throw new RuleException("multiport expection an option");
        }
        if (sources && (destinations || either)) {
            throw exclusive(MultiportExtension.SOURCE_PORTS,
                    destinations ? MultiportExtension.DESTINATION_PORTS : MultiportExtension.PORTS);
        }
        if (destinations && either) {
            throw exclusive(MultiportExtension.DESTINATION_PORTS, MultiportExtension.PORTS);
        }
        MultiportMatch.Direction direction = switch (option) {
            case MultiportExtension.SOURCE_PORTS -> MultiportMatch.Direction.SOURCE;
            case MultiportExtension.DESTINATION_PORTS -> MultiportMatch.Direction.DESTINATION;
            default -> MultiportMatch.Direction.EITHER;
        };
        return new MultiportMatch(direction, ports, inverted, protocol);
    }

    private static RuleException exclusive(String option, String other) {
        return new RuleException("multiport: option \"" + option + "\" cannot be used together with \"" + other
                + "\".");
    }
}
