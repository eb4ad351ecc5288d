package org.jptables.plugins.rateest;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j RATEEST --rateest-name NAME --rateest-interval TIME --rateest-ewmalog TIME}: count
 * each packet into the named estimator and go on with the next rule (xt_RATEEST). Usable in every
 * table.
 */
@org.pf4j.Extension
public final class RateestTargetExtension implements TargetExtension {
    static final String HELP = "RATEEST target options:\n"
            + "  --rateest-name name\t\tRate estimator name\n"
            + "  --rateest-interval sec\tRate measurement interval in seconds\n"
            + "  --rateest-ewmalog value\tRate measurement averaging time constant\n";

    // all three are XTOPT_MAND, but the final check runs first and complains of a missing time
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--rateest-name").mandatory(),
            Option.withArgument("--rateest-interval").mandatory(),
            Option.withArgument("--rateest-ewmalog").mandatory());

    @Override
    public String name() {
        return "RATEEST";
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
    public TargetBuilder newBuilder(RuleContext rule) {
        return new RateestTargetBuilder(rule);
    }
}
