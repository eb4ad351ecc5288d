package org.jptables.plugins.nat;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/** What the four NAT target extensions share; each subclass names its {@link NatKind}. */
abstract class NatTargetExtension implements TargetExtension {
    private final NatKind kind;
    private final List<Option> options;

    NatTargetExtension(NatKind kind) {
        this.kind = kind;
        this.options = kind.options();
    }

    @Override
    public String name() {
        return kind.targetName();
    }

    @Override
    public int revision() {
        return kind.revision();
    }

    @Override
    public List<Option> options() {
        return options;
    }

    @Override
    public String help() {
        return kind.help();
    }

    @Override
    public Placement placement() {
        return kind.placement();
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new NatBuilder(kind, rule);
    }
}
