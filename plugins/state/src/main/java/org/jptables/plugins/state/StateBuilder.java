package org.jptables.plugins.state;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/** Reads {@code [!] --state LIST} of one rule. */
final class StateBuilder implements MatchBuilder {
    private int mask;
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        mask = StateList.parse(args.get(0));
        inverted = invert;
    }

    @Override
    public Match build() {
        return new StateMatch(mask, inverted);
    }
}
