package org.jptables.api;

/**
 * A match ({@code -m NAME}), found by PF4J in a plugin jar. One instance serves every rule; the
 * per-rule state lives in the {@link Match} its builder makes.
 */
public interface MatchExtension extends Extension {
    /**
     * Whether this extension's options stand in the rule header without {@code -m} (the options
     * {@code -p -s -d -i -o -f}). Such a match is never printed with {@code -m}; it describes
     * itself through {@link Match#describe(RuleHeader)}.
     */
    default boolean implicit() {
        return false;
    }

    /** A builder for one rule's use of this match. */
    MatchBuilder newBuilder(RuleContext rule);
}
