package org.jptables.plugins.addrtype;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** The {@code addrtype} match (revision 1): address types as the routing table classifies them. */
@org.pf4j.Extension
public final class AddrtypeExtension implements MatchExtension {
    static final String HELP = "Address type match options:\n"
            + " [!] --src-type type[,...]      Match source address type\n"
            + " [!] --dst-type type[,...]      Match destination address type\n"
            + "     --limit-iface-in           Match only on the packet's incoming device\n"
            + "     --limit-iface-out          Match only on the packet's outgoing device\n"
            + "\n"
            + "Valid types:           \n"
            + "                                UNSPEC\n"
            + "                                UNICAST\n"
            + "                                LOCAL\n"
            + "                                BROADCAST\n"
            + "                                ANYCAST\n"
            + "                                MULTICAST\n"
            + "                                BLACKHOLE\n"
            + "                                UNREACHABLE\n"
            + "                                PROHIBIT\n"
            + "                                THROW\n"
            + "                                NAT\n"
            + "                                XRESOLVE\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--src-type").invertible(),
            Option.withArgument("--dst-type").invertible(), Option.flag("--limit-iface-in"),
            Option.flag("--limit-iface-out"));

    @Override
    public String name() {
        return "addrtype";
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new AddrtypeBuilder(rule);
    }
}
