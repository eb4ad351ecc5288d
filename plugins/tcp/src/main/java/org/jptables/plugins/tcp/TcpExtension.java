package org.jptables.plugins.tcp;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m tcp} (xt_tcpudp): ports, flags and an option of the TCP header. Loaded by the kernel
 * for {@code -p tcp --dport 22} without {@code -m tcp}.
 */
@org.pf4j.Extension
public final class TcpExtension implements MatchExtension {
    static final String HELP = ""
            + "tcp match options:\n"
            + "[!] --tcp-flags mask comp\tmatch when TCP flags & mask == comp\n"
            + "\t\t\t\t(Flags: SYN ACK FIN RST URG PSH ALL NONE)\n"
            + "[!] --syn\t\t\tmatch when only SYN flag set\n"
            + "\t\t\t\t(equivalent to --tcp-flags SYN,RST,ACK,FIN SYN)\n"
            + "[!] --source-port port[:port]\n"
            + " --sport ...\n"
            + "\t\t\t\tmatch source port(s)\n"
            + "[!] --destination-port port[:port]\n"
            + " --dport ...\n"
            + "\t\t\t\tmatch destination port(s)\n"
            + "[!] --tcp-option number        match if TCP option set\n";

    static final String SOURCE_PORT = "--source-port";
    static final String DESTINATION_PORT = "--destination-port";
    static final String SYN = "--syn";
    static final String FLAGS = "--tcp-flags";
    static final String OPTION = "--tcp-option";

    /*
     * libxt_tcp parses its options itself (not with libxtables' option table), so a second use is
     * refused with its own "Only one ..." messages: the options are declared repeatable and the
     * builder reports the repetition.
     */
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(SOURCE_PORT).alias("--sport").invertible().repeatable(),
            Option.withArgument(DESTINATION_PORT).alias("--dport").invertible().repeatable(),
            Option.flag(SYN).invertible().repeatable(),
            Option.withArgument(FLAGS).arguments(2).invertible().repeatable(),
            Option.withArgument(OPTION).invertible().repeatable());

    @Override
    public String name() {
        return "tcp";
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
        return new TcpBuilder(rule);
    }
}
