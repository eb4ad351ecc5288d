package org.jptables.plugins.set;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m set} (xt_set revision 4, the one iptables 1.8.9 chooses): whether the packet's
 * addresses and ports, taken by direction, are an element of an ipset set; with the counter
 * comparisons and counter updates of revisions 3 and 4. libxt_set parses its options itself, so
 * every option takes {@code !} and may repeat here, and the builder gives libxt_set's messages.
 */
@org.pf4j.Extension
public final class SetMatchExtension implements MatchExtension {
    static final String HELP = "set match options:\n"
            + " [!] --match-set name flags [--return-nomatch]\n"
            + "   [! --update-counters] [! --update-subcounters]\n"
            + "   [[!] --packets-eq value | --packets-lt value | --packets-gt value\n"
            + "   [[!] --bytes-eq value | --bytes-lt value | --bytes-gt value\n"
            + "\t\t 'name' is the set name from to match,\n"
            + "\t\t 'flags' are the comma separated list of\n"
            + "\t\t 'src' and 'dst' specifications.\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--match-set").arguments(2).invertible().repeatable(),
            Option.withArgument("--set").arguments(2).invertible().repeatable(),
            Option.flag("--return-nomatch").invertible().repeatable(),
            Option.flag("--update-counters").invertible().repeatable(),
            Option.withArgument("--packets-eq").invertible().repeatable(),
            Option.withArgument("--packets-lt").invertible().repeatable(),
            Option.withArgument("--packets-gt").invertible().repeatable(),
            Option.withArgument("--bytes-eq").invertible().repeatable(),
            Option.withArgument("--bytes-lt").invertible().repeatable(),
            Option.withArgument("--bytes-gt").invertible().repeatable(),
            Option.flag("--update-subcounters").invertible().repeatable());

    @Override
    public String name() {
        return "set";
    }

    @Override
    public int revision() {
        return 4;
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
        return new SetMatchBuilder(rule);
    }
}
