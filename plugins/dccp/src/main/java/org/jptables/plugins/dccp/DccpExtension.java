package org.jptables.plugins.dccp;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m dccp} (xt_dccp): ports, packet types and an option of DCCP packets. Loaded by the
 * kernel for {@code -p dccp --dport 5004} without {@code -m dccp}.
 */
@org.pf4j.Extension
public final class DccpExtension implements MatchExtension {
    static final String SOURCE_PORT = "--source-port";
    static final String DESTINATION_PORT = "--destination-port";
    static final String TYPES = "--dccp-types";
    static final String OPTION = "--dccp-option";

    static final String HELP = "dccp match options\n"
            + "[!] --source-port port[:port]                          match source port(s)\n"
            + " --sport ...\n"
            + "[!] --destination-port port[:port]                     match destination port(s)\n"
            + " --dport ...\n"
            + "[!] --dccp-types type[,...]                            match when packet is one of the given types\n"
            + "[!] --dccp-option option                               match if option (by number!) is set\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(SOURCE_PORT).alias("--sport").invertible(),
            Option.withArgument(DESTINATION_PORT).alias("--dport").invertible(),
            Option.withArgument(TYPES).invertible(),
            Option.withArgument(OPTION).invertible());

    @Override
    public String name() {
        return "dccp";
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
        return new DccpBuilder(rule);
    }
}
