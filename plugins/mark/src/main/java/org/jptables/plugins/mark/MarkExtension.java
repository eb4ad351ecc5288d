package org.jptables.plugins.mark;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m mark [!] --mark value[/mask]} (xt_mark revision 1). */
@org.pf4j.Extension
public final class MarkExtension implements MatchExtension {
    static final String HELP = "mark match options:\n"
            + "[!] --mark value[/mask]    Match nfmark value with optional mask\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--mark").invertible().mandatory());

    @Override
    public String name() {
        return "mark";
    }

    @Override
    public int revision() {
        return 1;
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
        return new MarkMatchBuilder();
    }
}
