package org.jptables.plugins.policy;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * Reads policy's options as libxt_policy does: --dir, --pol and --strict once each; the element
 * options fill the current element (each once per element), --next starts the next one (at most
 * four, XT_POLICY_MAX_ELEM). {@link #build} is policy_check, then libxtables' "--next also
 * requires --strict".
 */
final class PolicyBuilder implements MatchBuilder {
    private static final int MAX_ELEMENTS = 4;
    /** libxtables' xtables_chain_protos, for hosts whose /etc/protocols lacks a name. */
    private static final String[] BUILTIN_NAMES = {"tcp", "sctp", "udp", "udplite", "icmp", "ipv6-icmp", "icmpv6",
        "esp", "ah", "mh"};
    private static final int[] BUILTIN_NUMBERS = {6, 132, 17, 136, 1, 58, 58, 50, 51, 135};

    private final Names names;
    private int direction; // 0 none given, 1 in, 2 out
    private boolean none;
    private boolean strict;
    private boolean next;
    private final List<Element> elements = new ArrayList<>(List.of(new Element()));

    /** The element being filled, mutable until build(). */
    private static final class Element {
        int match;
        int invert;
        long reqid;
        long spi;
        int proto;
        String protoName;
        boolean tunnel;
        TunnelAddress source;
        TunnelAddress target;

        PolicyElement freeze() {
            return new PolicyElement(match, invert, reqid, spi, proto, protoName, tunnel, source, target);
        }
    }

    PolicyBuilder(Names names) {
        this.names = names;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.isEmpty() ? null : args.get(0);
        Element e = elements.get(elements.size() - 1);
        switch (option) {
            case "--dir" -> direction = switch (arg) {
                case "in" -> 1;
                case "out" -> 2;
                default -> throw new RuleException("policy_match: invalid dir \"" + arg + "\"");
            };
            case "--pol" -> none = switch (arg) {
                case "none" -> true;
                case "ipsec" -> false;
                default -> throw new RuleException("policy match: invalid policy \"" + arg + "\"");
            };
            case "--strict" -> strict = true;
            case "--reqid" -> {
                long v = uint32(option, arg); // libxtables reads the value before the parser sees a repeat
                once(e, PolicyElement.REQID, "--reqid", inverted);
                e.reqid = v;
            }
            case "--spi" -> {
                long v = uint32(option, arg);
                once(e, PolicyElement.SPI, "--spi", inverted);
                e.spi = v;
            }
            case "--tunnel-src" -> {
                TunnelAddress a = TunnelAddress.parse(option, arg, names);
                once(e, PolicyElement.SADDR, "--tunnel-src", inverted);
                e.source = a;
            }
            case "--tunnel-dst" -> {
                TunnelAddress a = TunnelAddress.parse(option, arg, names);
                once(e, PolicyElement.DADDR, "--tunnel-dst", inverted);
                e.target = a;
            }
            case "--proto" -> {
                if ((e.match & PolicyElement.PROTO) != 0) {
                    throw new RuleException("policy match: double --proto option");
                }
                int proto = protocol(arg);
                if (proto != 50 && proto != 51 && proto != 108) {
                    throw new RuleException("policy match: protocol must be ah/esp/ipcomp");
                }
                once(e, PolicyElement.PROTO, "--proto", inverted);
                e.proto = proto;
                e.protoName = names == null ? null : names.protocolName(proto);
            }
            case "--mode" -> {
                if ((e.match & PolicyElement.MODE) != 0) {
                    throw new RuleException("policy match: double --mode option");
                }
                once(e, PolicyElement.MODE, "--mode", inverted);
                e.tunnel = switch (arg) {
                    case "transport" -> false;
                    case "tunnel" -> true;
                    default -> throw new RuleException("policy match: invalid mode \"" + arg + "\"");
                };
            }
            default -> {
                next = true;
                // libxt_policy refuses the --next that would open a fifth element
                if (elements.size() == MAX_ELEMENTS) {
                    throw new RuleException("policy match: maximum policy depth reached");
                }
                elements.add(new Element());
            }
        }
    }

    /** Marks {@code field} given in the element, refusing a second one as libxt_policy does. */
    private static void once(Element e, int field, String option, boolean inverted) throws RuleException {
        if ((e.match & field) != 0) {
            throw new RuleException("policy match: double " + option + " option");
        }
        e.match |= field;
        if (inverted) {
            e.invert |= field;
        }
    }

    /** XTTYPE_UINT32. */
    private static long uint32(String option, String arg) throws RuleException {
        long v = CNumbers.whole(arg, 0, 0xFFFFFFFFL);
        if (v < 0) {
            throw new RuleException("policy: bad value for option \"" + option + "\", or out of range (0-4294967295).");
        }
        return v;
    }

    /** xtables_parse_protocol: a number 0-255, "all", /etc/protocols, then libxtables' own names. */
    private int protocol(String arg) throws RuleException {
        long number = CNumbers.whole(arg, 0, 255);
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

    @Override
    public Match build() throws RuleException {
        if (direction == 0) {
            throw new RuleException("policy match: neither --dir in nor --dir out specified");
        }
        List<PolicyElement> frozen = new ArrayList<>();
        if (none) {
            if (strict) {
                throw new RuleException("policy match: policy none but --strict given");
            }
            if (elements.size() > 1) {
                throw new RuleException("policy match: policy none but policy given");
            }
            // the element options given stay in the kernel's blob but count for nothing: len is 0
        } else {
            for (int i = 0; i < elements.size(); i++) {
                Element e = elements.get(i);
                if (strict && e.match == 0) {
                    throw new RuleException("policy match: empty policy element " + i + ". --strict is in effect, "
                            + "but at least one of reqid, spi, tunnel-src, tunnel-dst, proto or mode is required.");
                }
                // an element without --mode is in transport mode (XT_POLICY_MODE_TRANSPORT is 0)
                boolean tunnel = (e.match & PolicyElement.MODE) != 0 && e.tunnel != ((e.invert & PolicyElement.MODE) != 0);
                if ((e.match & (PolicyElement.SADDR | PolicyElement.DADDR)) != 0 && !tunnel) {
                    throw new RuleException("policy match: --tunnel-src/--tunnel-dst is only valid in tunnel mode");
                }
                frozen.add(e.freeze());
            }
        }
        if (next && !strict) {
            throw new RuleException("policy: option \"--next\" also requires \"--strict\".\n");
        }
        return new PolicyMatch(direction == 1, none, strict, frozen);
    }
}
