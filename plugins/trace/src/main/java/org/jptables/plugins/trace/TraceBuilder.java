package org.jptables.plugins.trace;

import java.util.List;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/** TRACE has no options: the parser refuses any before this builder sees one. */
final class TraceBuilder implements TargetBuilder {
    @Override
    public void option(String option, List<String> args, boolean inverted) {
        throw new IllegalStateException("TRACE declares no options: " + option);
    }

    @Override
    public Target build() {
        return TraceTarget.INSTANCE;
    }
}
