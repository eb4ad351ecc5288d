package org.jptables.plugins.socket;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * The {@code socket} match (xt_socket revision 3, the one iptables 1.8.9 uses): whether the packet
 * belongs to a socket of the host, found as nf_sk_lookup_slow_v4 finds it. Every revision is
 * registered for PREROUTING and INPUT only: elsewhere the table load fails with "Invalid argument".
 */
@org.pf4j.Extension
public final class SocketExtension implements MatchExtension {
    static final String HELP = "socket match options:\n"
            + "  --nowildcard     Do not ignore LISTEN sockets bound on INADDR_ANY\n"
            + "  --transparent    Ignore non-transparent sockets\n"
            + "  --restore-skmark Set the packet mark to the socket mark if\n"
            + "                   the socket matches and transparent / \n"
            + "                   nowildcard conditions are satisfied\n\n";

    private static final List<Option> OPTIONS = List.of(
            Option.flag("--transparent"),
            Option.flag("--nowildcard"),
            Option.flag("--restore-skmark"));

    private static final Placement PLACEMENT = Placement.hooks(Hook.PREROUTING, Hook.INPUT);

    @Override
    public String name() {
        return "socket";
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
    public Placement placement() {
        return PLACEMENT;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new SocketBuilder();
    }
}
