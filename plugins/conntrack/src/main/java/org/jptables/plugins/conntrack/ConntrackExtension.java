package org.jptables.plugins.conntrack;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** The {@code conntrack} match, revision 3 as iptables 1.8.9 uses it (port ranges, host byte order). */
@org.pf4j.Extension
public final class ConntrackExtension implements MatchExtension {
    static final String HELP = "conntrack match options:\n"
            + "[!] --ctstate {INVALID|ESTABLISHED|NEW|RELATED|UNTRACKED|SNAT|DNAT}[,...]\n"
            + "                               State(s) to match\n"
            + "[!] --ctproto proto            Protocol to match; by number or name, e.g. \"tcp\"\n"
            + "[!] --ctorigsrc address[/mask]\n"
            + "[!] --ctorigdst address[/mask]\n"
            + "[!] --ctreplsrc address[/mask]\n"
            + "[!] --ctrepldst address[/mask]\n"
            + "                               Original/Reply source/destination address\n"
            + "[!] --ctorigsrcport port\n"
            + "[!] --ctorigdstport port\n"
            + "[!] --ctreplsrcport port\n"
            + "[!] --ctrepldstport port\n"
            + "                               TCP/UDP/SCTP orig./reply source/destination port\n"
            + "[!] --ctstatus {NONE|EXPECTED|SEEN_REPLY|ASSURED|CONFIRMED}[,...]\n"
            + "                               Status(es) to match\n"
            + "[!] --ctexpire time[:time]     Match remaining lifetime in seconds against\n"
            + "                               value or range of values (inclusive)\n"
            + "    --ctdir {ORIGINAL|REPLY}   Flow direction of packet\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--ctstate").invertible(),
            Option.withArgument("--ctproto").invertible(),
            Option.withArgument("--ctorigsrc").invertible(),
            Option.withArgument("--ctorigdst").invertible(),
            Option.withArgument("--ctreplsrc").invertible(),
            Option.withArgument("--ctrepldst").invertible(),
            Option.withArgument("--ctstatus").invertible(),
            Option.withArgument("--ctexpire").invertible(),
            Option.withArgument("--ctorigsrcport").invertible(),
            Option.withArgument("--ctorigdstport").invertible(),
            Option.withArgument("--ctreplsrcport").invertible(),
            Option.withArgument("--ctrepldstport").invertible(),
            Option.withArgument("--ctdir"));

    @Override
    public String name() {
        return "conntrack";
    }

    @Override
    public int revision() {
        return 3;
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
        return new ConntrackBuilder(rule);
    }
}
