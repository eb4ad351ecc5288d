package org.jptables.plugins.standard;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * A standard target: a verdict without options (libxt_standard). iptables shows the same help
 * for all of them.
 */
abstract class VerdictTargetExtension implements TargetExtension {
    static final String HELP = "standard match options:\n(If target is DROP, ACCEPT, RETURN or nothing)\n";

    private final String name;
    private final Target target;

    VerdictTargetExtension(String name, int verdict) {
        this.name = name;
        this.target = new VerdictTarget(verdict);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final List<Option> options() {
        return List.of();
    }

    @Override
    public final String help() {
        return HELP;
    }

    @Override
    public final TargetBuilder newBuilder(RuleContext rule) {
        return new TargetBuilder() {
            @Override
            public void option(String option, List<String> args, boolean inverted) {
                // no options are declared, so the kernel never hands one over
                throw new IllegalStateException(name + " has no option " + option);
            }

            @Override
            public Target build() throws RuleException {
                check(rule);
                return target;
            }
        };
    }

    /** A refusal of the target where iptables refuses it; none by default. */
    void check(RuleContext rule) throws RuleException {
    }
}
