package org.jptables.plugins.mac;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * {@code -m mac} (xt_mac): the Ethernet source address. Only incoming packets have one, so the
 * kernel module registers for PREROUTING, INPUT and FORWARD, in any table.
 */
@org.pf4j.Extension
public final class MacExtension implements MatchExtension {
    static final String HELP = ""
            + "mac match options:\n"
            + "[!] --mac-source XX:XX:XX:XX:XX:XX\n"
            + "\t\t\t\tMatch source MAC address\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--mac-source").invertible().mandatory());

    @Override
    public String name() {
        return "mac";
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
        return Placement.hooks(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD);
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MacBuilder();
    }
}
