package org.jptables.plugins.statistic;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** The {@code statistic} match: random sampling or every nth packet. */
@org.pf4j.Extension
public final class StatisticExtension implements MatchExtension {
    static final String HELP = "statistic match options:\n"
            + " --mode mode                    Match mode (random, nth)\n"
            + " random mode:\n"
            + "[!] --probability p\t\t Probability\n"
            + " nth mode:\n"
            + "[!] --every n\t\t\t Match every nth packet\n"
            + " --packet p\t\t\t Initial counter value (0 <= p <= n-1, default 0)\n";

    // --mode is mandatory, but iptables checks that after the mode checks of the extension
    // itself, so the builder reports it rather than the kernel.
    private static final List<Option> OPTIONS = List.of(Option.withArgument("--mode"),
            Option.withArgument("--probability").invertible(), Option.withArgument("--every").invertible(),
            Option.withArgument("--packet"));

    @Override
    public String name() {
        return "statistic";
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
        return new StatisticBuilder();
    }
}
