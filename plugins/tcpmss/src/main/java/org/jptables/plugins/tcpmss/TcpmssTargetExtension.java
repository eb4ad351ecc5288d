package org.jptables.plugins.tcpmss;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j TCPMSS} (xt_TCPMSS): lowers the MSS option of TCP SYNs to {@code --set-mss} or to the
 * path MTU minus 40 ({@code --clamp-mss-to-pmtu}), adding the option where the SYN has none. The
 * module has no table or hook of its own; its checkentry wants {@code -p tcp}, a tcp match of SYN,
 * and for clamping the FORWARD, OUTPUT or POSTROUTING hook.
 */
@org.pf4j.Extension
public final class TcpmssTargetExtension implements TargetExtension {
    static final String HELP = ""
            + "TCPMSS target mutually-exclusive options:\n"
            + "  --set-mss value               explicitly set MSS option to specified value\n"
            + "  --clamp-mss-to-pmtu           automatically clamp MSS value to (path_MTU - 20)\n";

    static final String SET_MSS = "--set-mss";
    static final String CLAMP = "--clamp-mss-to-pmtu";

    private static final List<Option> OPTIONS = List.of(Option.withArgument(SET_MSS), Option.flag(CLAMP));

    @Override
    public String name() {
        return "TCPMSS";
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
        return new TcpmssTargetBuilder(rule);
    }
}
