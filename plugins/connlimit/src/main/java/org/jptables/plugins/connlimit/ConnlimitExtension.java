package org.jptables.plugins.connlimit;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * {@code -m connlimit --connlimit-upto N | --connlimit-above N [--connlimit-mask PREFIX]
 * [--connlimit-saddr | --connlimit-daddr]} (xt_connlimit revision 1): the connections conntrack
 * holds for the packet's source (or destination) address under the mask, the packet's own counted.
 */
@org.pf4j.Extension
public final class ConnlimitExtension implements MatchExtension {
    static final String NAME = "connlimit";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int revision() {
        return 1;
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.withArgument("--connlimit-upto").invertible(),
                Option.withArgument("--connlimit-above").invertible(),
                Option.withArgument("--connlimit-mask"),
                Option.flag("--connlimit-saddr"),
                Option.flag("--connlimit-daddr"));
    }

    @Override
    public String help() {
        return "connlimit match options:\n"
                + "  --connlimit-upto n     match if the number of existing connections is 0..n\n"
                + "  --connlimit-above n    match if the number of existing connections is >n\n"
                + "  --connlimit-mask n     group hosts using prefix length (default: max len)\n"
                + "  --connlimit-saddr      select source address for grouping\n"
                + "  --connlimit-daddr      select destination addresses for grouping\n";
    }

    @Override
    public Placement placement() {
        return Placement.ANYWHERE;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new ConnlimitBuilder();
    }
}
