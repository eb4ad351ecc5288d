package org.jptables.plugins.rateest;

import java.util.List;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/** Reads RATEEST's options as libxt_RATEEST does, then makes or joins the named estimator. */
final class RateestTargetBuilder implements TargetBuilder {
    /** xt_rateest_target_info's name: 16 bytes with the final NUL. */
    static final int NAME_LENGTH = 15;

    private final RuleContext rule;
    private String name;
    private long intervalMicros;
    private long ewmaMicros;

    RateestTargetBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String value = args.get(0);
        switch (option) {
            case "--rateest-name" -> name = value.length() > NAME_LENGTH ? value.substring(0, NAME_LENGTH) : value;
            case "--rateest-interval" -> {
                intervalMicros = EstimatorParameters.parseTime(value);
                if (intervalMicros < 0) {
                    throw new RuleException("RATEEST: bad interval value \"" + value + "\"");
                }
            }
            default -> {
                ewmaMicros = EstimatorParameters.parseTime(value);
                if (ewmaMicros < 0) {
                    throw new RuleException("RATEEST: bad ewmalog value \"" + value + "\"");
                }
            }
        }
    }

    @Override
    public Target build() throws RuleException {
        EstimatorParameters parameters = EstimatorParameters.choose(intervalMicros, ewmaMicros);
        if (name == null) {
            // the kernel's mandatory check would say so next; no estimator may be made without a name
            throw new RuleException("RATEEST: option \"--rateest-name\" must be specified\n");
        }
        return new RateestTarget(name, parameters, Estimators.of(rule).make(name, parameters));
    }
}
