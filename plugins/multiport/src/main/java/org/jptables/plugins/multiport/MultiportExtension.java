package org.jptables.plugins.multiport;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m multiport} revision 1 (xt_multiport): up to 15 ports, a range counting as two. */
@org.pf4j.Extension
public final class MultiportExtension implements MatchExtension {
    static final String HELP = ""
            + "multiport match options:\n"
            + "[!] --source-ports port[,port:port,port...]\n"
            + " --sports ...\n"
            + "\t\t\t\tmatch source port(s)\n"
            + "[!] --destination-ports port[,port:port,port...]\n"
            + " --dports ...\n"
            + "\t\t\t\tmatch destination port(s)\n"
            + "[!] --ports port[,port:port,port]\n"
            + "\t\t\t\tmatch both source and destination port(s)\n";

    static final String SOURCE_PORTS = "--source-ports";
    static final String DESTINATION_PORTS = "--destination-ports";
    static final String PORTS = "--ports";

    /** In libxt_multiport's option table order, which decides which exclusion is reported. */
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(SOURCE_PORTS).alias("--sports").invertible(),
            Option.withArgument(DESTINATION_PORTS).alias("--dports").invertible(),
            Option.withArgument(PORTS).invertible());

    @Override
    public String name() {
        return "multiport";
    }

    /** Revision 1, the one with port ranges, which iptables 1.8.9 uses. */
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MultiportBuilder(rule);
    }
}
