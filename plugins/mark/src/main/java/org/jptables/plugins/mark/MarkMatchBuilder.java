package org.jptables.plugins.mark;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MarkValue;
import org.jptables.api.RuleException;

/** Reads {@code [!] --mark value[/mask]}; the kernel refuses a rule without it before build(). */
final class MarkMatchBuilder implements MatchBuilder {
    private MarkValue mark = new MarkValue(0, -1);
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        mark = MarkValue.parseWithMask("mark", option, args.get(0));
        inverted = invert;
    }

    @Override
    public Match build() {
        return new MarkMatch(mark.value(), mark.mask(), inverted);
    }
}
