package org.jptables.plugins.iprange;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** The {@code iprange} match (revision 1): source and destination address ranges. */
@org.pf4j.Extension
public final class IprangeExtension implements MatchExtension {
    static final String HELP = "iprange match options:\n"
            + "[!] --src-range ip[-ip]    Match source IP in the specified range\n"
            + "[!] --dst-range ip[-ip]    Match destination IP in the specified range\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--src-range").invertible(),
            Option.withArgument("--dst-range").invertible());

    @Override
    public String name() {
        return "iprange";
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
        return new IprangeBuilder();
    }
}
