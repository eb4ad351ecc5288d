package org.jptables.plugins.ipvs;

import java.util.List;
import org.jptables.api.HostMasks;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Names;
import org.jptables.api.Numbers;
import org.jptables.api.ResolvedPorts;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads ipvs's options as libxt_ipvs does: each option sets its bit of the bitmask (and of the
 * inversions when given with {@code !}); {@code --vdir REPLY} is kept as an inverted direction;
 * names of directions and methods are read without regard to case. The final check wants an
 * option and refuses {@code ! --ipvs} beside the others, which imply {@code --ipvs}.
 */
final class IpvsBuilder implements MatchBuilder {
    /** xtables_chain_protos, after getprotobyname: names iptables knows without /etc/protocols. */
    private static final String[] BUILTIN_NAMES = {"tcp", "sctp", "udp", "udplite", "icmp", "ipv6-icmp", "icmpv6",
        "esp", "ah", "mh", "all"};
    private static final int[] BUILTIN_NUMBERS = {6, 132, 17, 136, 1, 58, 58, 50, 51, 135, 0};

    private final Names names;
    private int bitmask;
    private int invert;
    private int protocol;
    private int address;
    private int mask;
    private int port;
    private int method;
    private int portControl;

    IpvsBuilder(RuleContext rule) {
        this.names = rule.names();
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.isEmpty() ? "" : args.get(0);
        int bit;
        switch (option) {
            case "--ipvs" -> bit = IpvsMatch.PROPERTY;
            case "--vproto" -> {
                protocol = protocol(arg);
                bit = IpvsMatch.PROTO;
            }
            case "--vaddr" -> {
                int[] read = HostMasks.parse("ipvs", option, arg, names);
                address = read[0];
                mask = read[1];
                bit = IpvsMatch.VADDR;
            }
            case "--vport" -> {
                port = port(arg);
                bit = IpvsMatch.VPORT;
            }
            case "--vdir" -> {
                if (arg.equalsIgnoreCase("ORIGINAL")) {
                    invert &= ~IpvsMatch.DIR;
                } else if (arg.equalsIgnoreCase("REPLY")) {
                    invert |= IpvsMatch.DIR;
                } else {
                    throw badValue(option, arg);
                }
                bit = IpvsMatch.DIR;
            }
            case "--vmethod" -> {
                method = switch (arg.toUpperCase(java.util.Locale.ROOT)) {
                    case "GATE" -> IpvsMatch.GATE;
                    case "IPIP" -> IpvsMatch.IPIP;
                    case "MASQ" -> IpvsMatch.MASQ;
                    default -> throw badValue(option, arg);
                };
                bit = IpvsMatch.METHOD;
            }
            default -> {
                portControl = port(arg);
                bit = IpvsMatch.VPORTCTL;
            }
        }
        bitmask |= bit;
        if (inverted) {
            invert |= bit;
        }
    }

    private static RuleException badValue(String option, String arg) {
        return new RuleException("ipvs: Bad value for \"" + option + "\" option: \"" + arg + "\"");
    }

    /** xtables_parse_protocol: a number 0-255, a name of /etc/protocols, or one of iptables' own; case counts. */
    private int protocol(String arg) throws RuleException {
        long number = Numbers.parse(arg, 0, 255);
        if (number >= 0) {
            return (int) number;
        }
        if (arg.equals("all")) {
            return 0;
        }
        int known = names == null ? -1 : names.protocolNumber(arg);
        if (known >= 0) {
            return known;
        }
        for (int i = 0; i < BUILTIN_NAMES.length; i++) {
            if (BUILTIN_NAMES[i].equals(arg)) {
                return BUILTIN_NUMBERS[i];
            }
        }
        throw new RuleException("unknown protocol \"" + arg + "\" specified");
    }

    private int port(String arg) throws RuleException {
        int resolved = ResolvedPorts.resolve(arg, names);
        if (resolved < 0) {
            throw new RuleException("Port \"" + arg + "\" does not resolve to anything.\n");
        }
        return resolved;
    }

    @Override
    public Match build() throws RuleException {
        if (bitmask == 0) {
            throw new RuleException("IPVS: At least one option is required");
        }
        if ((bitmask & ~IpvsMatch.PROPERTY) != 0) {
            if ((invert & IpvsMatch.PROPERTY) != 0) {
                throw new RuleException("! --ipvs cannot be together with other options");
            }
            bitmask |= IpvsMatch.PROPERTY;
        }
        return new IpvsMatch(bitmask, invert, protocol, address, mask, port, method, portControl);
    }
}
