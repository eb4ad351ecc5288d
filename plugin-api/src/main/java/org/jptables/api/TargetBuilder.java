package org.jptables.api;

import java.util.List;

/** Collects one rule's options for a target, then checks them and makes the immutable {@link Target}. */
public interface TargetBuilder {
    /** One option of the rule, as {@link MatchBuilder#option}. */
    void option(String option, List<String> args, boolean inverted) throws RuleException;

    /** The final check and the target. */
    Target build() throws RuleException;
}
