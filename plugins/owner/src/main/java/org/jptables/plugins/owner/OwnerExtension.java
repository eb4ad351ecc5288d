package org.jptables.plugins.owner;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * The {@code owner} match (revision 1, xt_owner): the user and group of the local socket a packet
 * is sent from. Only packets the host sends have one, so the kernel allows it in OUTPUT and
 * POSTROUTING alone (xt_match.hooks); elsewhere the table load fails with "Invalid argument".
 */
@org.pf4j.Extension
public final class OwnerExtension implements MatchExtension {
    static final String HELP = "owner match options:\n"
            + "[!] --uid-owner userid[-userid]      Match local UID\n"
            + "[!] --gid-owner groupid[-groupid]    Match local GID\n"
            + "[!] --socket-exists                  Match if socket exists\n"
            + "    --suppl-groups                   Also match supplementary groups set with --gid-owner\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--uid-owner").invertible(),
            Option.withArgument("--gid-owner").invertible(),
            Option.flag("--socket-exists").invertible(),
            Option.flag("--suppl-groups"));

    private static final Placement PLACEMENT = Placement.hooks(Hook.OUTPUT, Hook.POSTROUTING);

    @Override
    public String name() {
        return "owner";
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
    public Placement placement() {
        return PLACEMENT;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new OwnerBuilder(rule.names());
    }
}
