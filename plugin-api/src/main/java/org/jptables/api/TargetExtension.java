package org.jptables.api;

/** A target ({@code -j NAME}), found by PF4J in a plugin jar. */
public interface TargetExtension extends Extension {
    /** A builder for one rule's use of this target. */
    TargetBuilder newBuilder(RuleContext rule);
}
