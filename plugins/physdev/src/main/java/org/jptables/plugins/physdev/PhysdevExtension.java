package org.jptables.plugins.physdev;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * The {@code physdev} match (xt_physdev): the bridge ports a bridged packet came in by and leaves
 * by. Any table and hook, except that the output port is unknown at OUTPUT unless the rule asks
 * for bridged packets ({@link PhysdevMatch#allowedAt}).
 */
@org.pf4j.Extension
public final class PhysdevExtension implements MatchExtension {
    static final String HELP = "physdev match options:\n"
            + " [!] --physdev-in inputname[+]\t\tbridge port name ([+] for wildcard)\n"
            + " [!] --physdev-out outputname[+]\tbridge port name ([+] for wildcard)\n"
            + " [!] --physdev-is-in\t\t\tarrived on a bridge device\n"
            + " [!] --physdev-is-out\t\t\twill leave on a bridge device\n"
            + " [!] --physdev-is-bridged\t\tit's a bridged packet\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--physdev-in").invertible(),
            Option.withArgument("--physdev-out").invertible(),
            Option.flag("--physdev-is-in").invertible(),
            Option.flag("--physdev-is-bridged").invertible(),
            Option.flag("--physdev-is-out").invertible());

    @Override
    public String name() {
        return "physdev";
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new PhysdevBuilder(rule);
    }
}
