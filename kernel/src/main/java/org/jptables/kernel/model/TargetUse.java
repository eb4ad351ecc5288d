package org.jptables.kernel.model;

import org.jptables.api.Target;
import org.jptables.api.TargetExtension;

/** A target as used in one rule, with its extension. */
public record TargetUse(TargetExtension extension, Target target) {
    public String name() {
        return extension.name();
    }

    /** The name in {@code -L}'s target column (the kernel's name of an alias such as NOTRACK). */
    public String kernelName() {
        return extension.kernelName();
    }
}
