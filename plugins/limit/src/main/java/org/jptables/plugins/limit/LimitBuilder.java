package org.jptables.plugins.limit;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Numbers;
import org.jptables.api.RuleException;

/** Reads {@code --limit} and {@code --limit-burst}, defaulting to 3/hour and 5. */
final class LimitBuilder implements MatchBuilder {
    static final int DEFAULT_BURST = 5;
    private long period = 10000L * 60 * 60 / 3;
    private long burst = DEFAULT_BURST;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        if (option.equals("--limit")) {
            period = Rate.parse(arg);
        } else {
            burst = Numbers.parse(arg, 0, 10000);
            if (burst < 0 || arg.startsWith("-")) {
                throw new RuleException(
                        "limit: bad value for option \"--limit-burst\", or out of range (0-10000).\n");
            }
        }
    }

    @Override
    public Match build() throws RuleException {
        TokenBucket.check(period, burst);
        return new LimitMatch(period, (int) burst);
    }
}
