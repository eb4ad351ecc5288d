package org.jptables.plugins.udp;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m udp} (xt_tcpudp): source and destination port ranges. Loaded by the kernel for
 * {@code -p udp --dport 53} without {@code -m udp}.
 */
@org.pf4j.Extension
public final class UdpExtension implements MatchExtension {
    static final String HELP = ""
            + "udp match options:\n"
            + "[!] --source-port port[:port]\n"
            + " --sport ...\n"
            + "\t\t\t\tmatch source port(s)\n"
            + "[!] --destination-port port[:port]\n"
            + " --dport ...\n"
            + "\t\t\t\tmatch destination port(s)\n";

    static final String SOURCE_PORT = "--source-port";
    static final String DESTINATION_PORT = "--destination-port";

    /* libxt_udp uses libxtables' option table: a second use is refused by the kernel's parser. */
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(SOURCE_PORT).alias("--sport").invertible(),
            Option.withArgument(DESTINATION_PORT).alias("--dport").invertible());

    @Override
    public String name() {
        return "udp";
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
        return new UdpBuilder(rule);
    }
}
