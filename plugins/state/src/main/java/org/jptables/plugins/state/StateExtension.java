package org.jptables.plugins.state;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * The {@code state} match. In iptables 1.8.9 it is an alias of conntrack that only knows
 * {@code --state}; the kernel answers it from the connection's state bits.
 */
@org.pf4j.Extension
public final class StateExtension implements MatchExtension {
    static final String HELP = "state match options:\n"
            + " [!] --state [INVALID|ESTABLISHED|NEW|RELATED|UNTRACKED][,...]\n"
            + "\t\t\t\tState(s) to match\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--state").invertible().mandatory());

    @Override
    public String name() {
        return "state";
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new StateBuilder();
    }
}
