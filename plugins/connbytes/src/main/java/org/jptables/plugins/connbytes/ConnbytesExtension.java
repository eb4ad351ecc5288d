package org.jptables.plugins.connbytes;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * {@code -m connbytes [!] --connbytes FROM[:TO] --connbytes-dir original|reply|both
 * --connbytes-mode packets|bytes|avgpkt} (xt_connbytes): what the packet's connection has counted
 * so far. Every option is mandatory, as in libxt_connbytes.
 */
@org.pf4j.Extension
public final class ConnbytesExtension implements MatchExtension {
    static final String NAME = "connbytes";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.withArgument("--connbytes").invertible().mandatory(),
                Option.withArgument("--connbytes-dir").mandatory(),
                Option.withArgument("--connbytes-mode").mandatory());
    }

    @Override
    public String help() {
        return "connbytes match options:\n"
                + " [!] --connbytes from:[to]\n"
                + "     --connbytes-dir [original, reply, both]\n"
                + "     --connbytes-mode [packets, bytes, avgpkt]\n";
    }

    @Override
    public Placement placement() {
        return Placement.ANYWHERE;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new ConnbytesBuilder();
    }
}
