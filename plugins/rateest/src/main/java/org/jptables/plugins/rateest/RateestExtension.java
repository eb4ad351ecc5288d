package org.jptables.plugins.rateest;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m rateest}: compare the rate of a RATEEST estimator with a fixed rate (absolute mode,
 * {@code --rateest NAME}) or with another estimator's (relative mode, {@code --rateest1 NAME1
 * --rateest2 NAME2}), by bytes or packets per second, optionally after taking each rate from a
 * fixed one ({@code --rateest-delta}). xt_rateest, revision 0, in every table.
 */
@org.pf4j.Extension
public final class RateestExtension implements MatchExtension {
    static final String HELP = "rateest match options:\n"
            + " --rateest1 name\t\tRate estimator name\n"
            + " --rateest2 name\t\tRate estimator name\n"
            + " --rateest-delta\t\tCompare difference(s) to given rate(s)\n"
            + " --rateest-bps1 [bps]\t\tCompare bps\n"
            + " --rateest-pps1 [pps]\t\tCompare pps\n"
            + " --rateest-bps2 [bps]\t\tCompare bps\n"
            + " --rateest-pps2 [pps]\t\tCompare pps\n"
            + " [!] --rateest-lt\t\tMatch if rate is less than given rate/estimator\n"
            + " [!] --rateest-gt\t\tMatch if rate is greater than given rate/estimator\n"
            + " [!] --rateest-eq\t\tMatch if rate is equal to given rate/estimator\n";

    // libxt_rateest parses the old way: every repetition and every ! reaches its parser, which
    // answers in its own words; the rates are read from the next word when there is one
    private static final List<Option> OPTIONS = List.of(
            open(Option.withArgument("--rateest1").alias("--rateest")),
            open(Option.withArgument("--rateest2")),
            open(Option.flag("--rateest-bps1").optionalArgument()),
            open(Option.flag("--rateest-pps1").optionalArgument()),
            open(Option.flag("--rateest-bps2").alias("--rateest-bps").optionalArgument()),
            open(Option.flag("--rateest-pps2").alias("--rateest-pps").optionalArgument()),
            open(Option.flag("--rateest-delta")),
            open(Option.flag("--rateest-lt")),
            open(Option.flag("--rateest-gt")),
            open(Option.flag("--rateest-eq")));

    private static Option open(Option option) {
        return option.invertible().repeatable();
    }

    @Override
    public String name() {
        return "rateest";
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
        return new RateestMatchBuilder(rule);
    }
}
