package org.jptables.plugins.secmark;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j CONNSECMARK --save|--restore} (xt_CONNSECMARK): copies the security mark from the
 * packet to its connection or back. Accepted in the mangle and security tables.
 */
@org.pf4j.Extension
public final class ConnsecmarkExtension implements TargetExtension {
    static final String HELP = "CONNSECMARK target options:\n"
            + "  --save                   Copy security mark from packet to conntrack\n"
            + "  --restore                Copy security mark from connection to packet\n";

    private static final List<Option> OPTIONS = List.of(Option.flag("--save"), Option.flag("--restore"));

    @Override
    public String name() {
        return "CONNSECMARK";
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
        return new ConnsecmarkBuilder(rule);
    }
}
