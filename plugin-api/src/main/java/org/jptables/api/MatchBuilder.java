package org.jptables.api;

import java.util.List;

/**
 * Collects one rule's options for a match, then checks them and makes the immutable {@link Match}.
 * Parsing happens once, when the rule is loaded.
 */
public interface MatchBuilder {
    /**
     * One option of the rule, in command-line order. The kernel has already checked the option's
     * declaration (argument count, {@code !} allowed, repetition).
     *
     * @param option   the option as declared ({@link Option#name()}), even when an alias was typed
     * @param args     its arguments
     * @param inverted whether {@code !} stood before it
     */
    void option(String option, List<String> args, boolean inverted) throws RuleException;

    /** The final check (iptables' {@code x6_fcheck}) and the match. */
    Match build() throws RuleException;

    /**
     * The matches of each rule the options expand to; one for nearly every extension. The address
     * extension gives one per combination of {@code -s a,b -d c,d}, as iptables adds one rule each.
     */
    default List<Match> buildAll() throws RuleException {
        return List.of(build());
    }
}
