package org.jptables.plugins.trace;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/** {@code -j TRACE} (xt_TRACE): the raw table only (xt_target.table), any of its hooks. */
@org.pf4j.Extension
public final class TraceExtension implements TargetExtension {
    static final String HELP = "TRACE does not take any options\n";

    private static final Placement PLACEMENT = Placement.table("raw", Hook.PREROUTING, Hook.OUTPUT);

    @Override
    public String name() {
        return "TRACE";
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public Placement placement() {
        return PLACEMENT;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TraceBuilder();
    }
}
