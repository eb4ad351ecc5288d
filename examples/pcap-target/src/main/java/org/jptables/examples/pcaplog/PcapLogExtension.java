package org.jptables.examples.pcaplog;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j PCAPLOG --file /path/file.pcap [--snaplen N]}: appends each packet that reaches the rule
 * to a pcap file (link type RAW: the IPv4 packet from its header on), then lets it go on to the
 * next rule, as LOG does. Rules naming the same file share one writer.
 */
@org.pf4j.Extension
public final class PcapLogExtension implements TargetExtension {
    static final String NAME = "PCAPLOG";
    static final String FILE = "--file";
    static final String SNAPLEN = "--snaplen";

    static final String HELP = "PCAPLOG target options:\n"
            + " --file path               absolute path of the pcap file the packets are appended to\n"
            + " --snaplen n               bytes of each packet written, 1-65535 (default 65535)\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(FILE).mandatory(),
            Option.withArgument(SNAPLEN));

    @Override
    public String name() {
        return NAME;
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
    public TargetBuilder newBuilder(RuleContext rule) {
        return new PcapLogBuilder(rule);
    }
}
