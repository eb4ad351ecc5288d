package org.jptables.api;

/** A target ({@code -j NAME}), found by PF4J in a plugin jar. */
public interface TargetExtension extends Extension {
    /** A builder for one rule's use of this target. */
    TargetBuilder newBuilder(RuleContext rule);

    /**
     * The name the kernel knows the target by, which {@code -L} prints in the target column
     * (libxtables' {@code real_name}); {@code -S} and iptables-save print {@link #name()}. Only
     * an alias differs: {@code -j NOTRACK} is xt_CT with a flag, listed as {@code CT}.
     */
    default String kernelName() {
        return name();
    }
}
