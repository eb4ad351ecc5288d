package org.jptables.plugins.synproxy;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j SYNPROXY} (ipt_SYNPROXY): answers a client's SYN in the server's place with a SYN
 * cookie, and opens the connection to the server only when the client's ACK returns a valid
 * cookie. The module allows the INPUT and FORWARD hooks of any table and wants {@code -p tcp}.
 */
@org.pf4j.Extension
public final class SynproxyExtension implements TargetExtension {
    static final String HELP = ""
            + "SYNPROXY target options:\n"
            + "  --sack-perm                        Set SACK_PERM\n"
            + "  --timestamp                        Set TIMESTAMP\n"
            + "  --wscale value                     Set window scaling factor\n"
            + "  --mss value                        Set MSS value\n"
            + "  --ecn                              Set ECN\n";

    static final String SACK_PERM = "--sack-perm";
    static final String TIMESTAMP = "--timestamp";
    static final String WSCALE = "--wscale";
    static final String MSS = "--mss";
    static final String ECN = "--ecn";

    // libxt_SYNPROXY's table order, which getopt's abbreviations and the messages follow
    private static final List<Option> OPTIONS = List.of(Option.flag(SACK_PERM), Option.flag(TIMESTAMP),
            Option.withArgument(WSCALE), Option.withArgument(MSS), Option.flag(ECN));

    @Override
    public String name() {
        return "SYNPROXY";
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
        // ipt_SYNPROXY's .hooks; it names no table
        return Placement.hooks(Hook.INPUT, Hook.FORWARD);
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new SynproxyBuilder(rule);
    }
}
