package org.jptables.plugins.connlabel;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * {@code -m connlabel [!] --label NAME|BIT [--set]} (xt_connlabel): whether the packet's connection
 * has the label, and with {@code --set} give it the label (the match then holds). Names come from
 * /etc/xtables/connlabel.conf, as libxt_connlabel reads it through libnetfilter_conntrack.
 */
@org.pf4j.Extension
public final class ConnlabelExtension implements MatchExtension {
    static final String NAME = "connlabel";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Option> options() {
        return List.of(Option.withArgument("--label").invertible().mandatory(), Option.flag("--set"));
    }

    @Override
    public String help() {
        return "connlabel match options:\n"
                + "[!] --label name     Match if label has been set on connection\n"
                + "    --set            Set label on connection\n";
    }

    @Override
    public Placement placement() {
        return Placement.ANYWHERE;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new ConnlabelBuilder(rule);
    }
}
