package org.jptables.plugins.limit;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** The {@code limit} match: xt_limit's token bucket. */
@org.pf4j.Extension
public final class LimitExtension implements MatchExtension {
    static final String HELP = "limit match options:\n"
            + "--limit avg\t\t\tmax average match rate: default 3/hour\n"
            + "                                [Packets per second unless followed by \n"
            + "                                /sec /minute /hour /day postfixes]\n"
            + "--limit-burst number\t\tnumber to match in a burst, default 5\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--limit"),
            Option.withArgument("--limit-burst"));

    @Override
    public String name() {
        return "limit";
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
        return new LimitBuilder();
    }
}
