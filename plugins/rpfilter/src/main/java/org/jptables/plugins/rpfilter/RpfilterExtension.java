package org.jptables.plugins.rpfilter;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * The {@code rpfilter} match (ipt_rpfilter): whether the route back to the packet's source leaves
 * by the interface it came in on. The kernel registers it for PREROUTING only (xt_match.hooks)
 * and its check refuses tables other than raw and mangle (the builder).
 */
@org.pf4j.Extension
public final class RpfilterExtension implements MatchExtension {
    static final String HELP = "rpfilter match options:\n"
            + "    --loose          permit reverse path via any interface\n"
            + "    --validmark      use skb nfmark when performing route lookup\n"
            + "    --accept-local   do not reject packets with a local source address\n"
            + "    --invert         match packets that failed the reverse path test\n";

    private static final List<Option> OPTIONS = List.of(Option.flag("--loose"), Option.flag("--validmark"),
            Option.flag("--accept-local"), Option.flag("--invert"));

    private static final Placement PLACEMENT = Placement.hooks(Hook.PREROUTING);

    @Override
    public String name() {
        return "rpfilter";
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new RpfilterBuilder(rule);
    }
}
