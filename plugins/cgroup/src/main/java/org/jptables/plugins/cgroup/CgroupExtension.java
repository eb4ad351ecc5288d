package org.jptables.plugins.cgroup;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * The {@code cgroup} match (xt_cgroup revision 2, the one iptables 1.8.9 uses): the cgroup v2
 * path ({@code --path}, the socket's cgroup or one below it) or the net_cls class id
 * ({@code --cgroup}) of the socket a packet belongs to. The kernel registers it for INPUT, OUTPUT
 * and POSTROUTING: only there can a packet have a socket.
 */
@org.pf4j.Extension
public final class CgroupExtension implements MatchExtension {
    static final String HELP = "cgroup match options:\n"
            + "[!] --path path                 Recursively match path relative to cgroup2 root\n"
            + "[!] --cgroup classid            Match cgroup classid, can't be used with --path\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--path").invertible(),
            Option.withArgument("--cgroup").invertible());

    private static final Placement PLACEMENT = Placement.hooks(Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING);

    @Override
    public String name() {
        return "cgroup";
    }

    @Override
    public int revision() {
        return 2;
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
        return new CgroupBuilder(rule);
    }
}
