package org.jptables.plugins.classify;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j CLASSIFY --set-class MAJOR:MINOR} (libxt_CLASSIFY, the kernel's xt_CLASSIFY.c): sets
 * the packet's priority (skb->priority), by which a qdisc may classify it, and goes on with the
 * next rule. The kernel registers it for any table at OUTPUT, FORWARD and POSTROUTING only.
 */
@org.pf4j.Extension
public final class ClassifyExtension implements TargetExtension {
    static final String HELP = ""
            + "CLASSIFY target options:\n"
            + "--set-class MAJOR:MINOR    Set skb->priority value (always hexadecimal!)\n";

    static final String SET_CLASS = "--set-class";

    /** xt_CLASSIFY's hooks: LOCAL_OUT, FORWARD and POST_ROUTING, no table named. */
    static final Placement PLACEMENT = Placement.hooks(Hook.OUTPUT, Hook.FORWARD, Hook.POSTROUTING);

    private static final List<Option> OPTIONS = List.of(Option.withArgument(SET_CLASS).mandatory());

    @Override
    public String name() {
        return "CLASSIFY";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
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
        return new TargetBuilder() {
            private ClassifyTarget target;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                String text = args.get(0);
                long priority = ClassValue.parse(text);
                if (priority < 0) {
                    throw new RuleException("Bad class value \"" + text + "\"\n");
                }
                target = new ClassifyTarget((int) priority);
            }

            @Override
            public Target build() throws RuleException {
                if (target == null) {
                    throw new RuleException("CLASSIFY: option \"--set-class\" must be specified\n");
                }
                return target;
            }
        };
    }
}
