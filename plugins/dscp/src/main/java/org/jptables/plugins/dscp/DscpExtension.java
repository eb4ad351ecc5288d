package org.jptables.plugins.dscp;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m dscp} (xt_dscp): the six DiffServ bits of the TOS byte. */
@org.pf4j.Extension
public final class DscpExtension implements MatchExtension {
    static final String HELP = ""
            + "dscp match options\n"
            + "[!] --dscp value\t\tMatch DSCP codepoint with numerical value\n"
            + "  \t\t                This value can be in decimal (ex: 32)\n"
            + "               \t\tor in hex (ex: 0x20)\n"
            + "[!] --dscp-class name\t\tMatch the DiffServ class. This value may\n"
            + "\t\t\t\tbe any of the BE,EF, AFxx or CSx classes\n"
            + "\n"
            + "\t\t\t\tThese two options are mutually exclusive !\n";

    static final String DSCP = "--dscp";
    static final String CLASS = "--dscp-class";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(DSCP).invertible(), Option.withArgument(CLASS).invertible());

    @Override
    public String name() {
        return "dscp";
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
        return new DscpBuilder();
    }
}
