package org.jptables.plugins.sctp;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m sctp} (xt_sctp): ports and chunk types of SCTP packets. Loaded by the kernel for
 * {@code -p sctp --dport 9} without {@code -m sctp}, as iptables loads the protocol's match.
 */
@org.pf4j.Extension
public final class SctpExtension implements MatchExtension {
    static final String SOURCE_PORT = "--source-port";
    static final String DESTINATION_PORT = "--destination-port";
    static final String CHUNK_TYPES = "--chunk-types";

    static final String HELP = "sctp match options\n"
            + "[!] --source-port port[:port]                          match source port(s)\n"
            + " --sport ...\n"
            + "[!] --destination-port port[:port]                     match destination port(s)\n"
            + " --dport ...\n"
            + "[!] --chunk-types (all|any|none) (chunktype[:flags])+\tmatch if all, any or none of\n"
            + "\t\t\t\t\t\t        chunktypes are present\n"
            + "chunktypes - DATA INIT INIT_ACK SACK HEARTBEAT HEARTBEAT_ACK ABORT SHUTDOWN SHUTDOWN_ACK ERROR"
            + " COOKIE_ECHO COOKIE_ACK ECN_ECNE ECN_CWR SHUTDOWN_COMPLETE ASCONF ASCONF_ACK FORWARD_TSN ALL NONE\n";

    /*
     * libxt_sctp parses its options itself (getopt, not libxtables' table): a second use is refused
     * with its own "Only one ..." words, so the options are declared repeatable and the builder
     * reports the repetition.
     */
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(SOURCE_PORT).alias("--sport").invertible().repeatable(),
            Option.withArgument(DESTINATION_PORT).alias("--dport").invertible().repeatable(),
            Option.withArgument(CHUNK_TYPES).arguments(2).invertible().repeatable());

    @Override
    public String name() {
        return "sctp";
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
        return new SctpBuilder(rule);
    }
}
