package org.jptables.plugins.set;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j SET} (xt_SET revision 3, the one iptables 1.8.9 chooses): adds the packet's element to
 * a set ({@code --add-set}, with {@code --exist} and {@code --timeout}), deletes it from one
 * ({@code --del-set}), or gives the packet the mark and priority the set keeps for its element
 * ({@code --map-set}, mangle table only), then goes on with the next rule.
 */
@org.pf4j.Extension
public final class SetTargetExtension implements TargetExtension {
    static final String HELP = "SET target options:\n"
            + " --add-set name flags [--exist] [--timeout n]\n"
            + " --del-set name flags\n"
            + " --map-set name flags [--map-mark] [--map-prio] [--map-queue]\n"
            + "\t\tadd/del src/dst IP/port from/to named sets,\n"
            + "\t\twhere flags are the comma separated list of\n"
            + "\t\t'src' and 'dst' specifications.\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--add-set").arguments(2).invertible().repeatable(),
            Option.withArgument("--del-set").arguments(2).invertible().repeatable(),
            Option.flag("--exist").invertible().repeatable(),
            Option.withArgument("--timeout").invertible().repeatable(),
            Option.withArgument("--map-set").arguments(2).invertible().repeatable(),
            Option.flag("--map-mark").invertible().repeatable(),
            Option.flag("--map-prio").invertible().repeatable(),
            Option.flag("--map-queue").invertible().repeatable());

    @Override
    public String name() {
        return "SET";
    }

    @Override
    public int revision() {
        return 3;
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
    public TargetBuilder newBuilder(RuleContext rule) {
        return new SetTargetBuilder(rule);
    }
}
