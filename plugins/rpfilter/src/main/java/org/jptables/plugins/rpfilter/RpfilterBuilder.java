package org.jptables.plugins.rpfilter;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** The four flags, each once (the kernel's parser refuses a repeat and any !). */
final class RpfilterBuilder implements MatchBuilder {
    private final RuleContext rule;
    private int flags;

    RpfilterBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) {
        flags |= switch (option) {
            case "--loose" -> RpfilterMatch.LOOSE;
            case "--validmark" -> RpfilterMatch.VALID_MARK;
            case "--accept-local" -> RpfilterMatch.ACCEPT_LOCAL;
            default -> RpfilterMatch.INVERT;
        };
    }

    @Override
    public Match build() throws RuleException {
        // rpfilter_check refuses other tables when the rule is loaded, even in a chain nothing
        // jumps to (where the hook check has no hook to refuse)
        if (!rule.table().equals("raw") && !rule.table().equals("mangle")) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new RpfilterMatch(flags);
    }
}
