package org.jptables.plugins.nflog;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/** {@code -j NFLOG} (xt_NFLOG): a copy of the packet for an nfnetlink_log group; any table and chain. */
@org.pf4j.Extension
public final class NflogExtension implements TargetExtension {
    static final String HELP = "NFLOG target options:\n"
            + " --nflog-group NUM\t\tNETLINK group used for logging\n"
            + " --nflog-range NUM\t\tThis option has no effect, use --nflog-size\n"
            + " --nflog-size NUM\t\tNumber of bytes to copy\n"
            + " --nflog-threshold NUM\t\tMessage threshold of in-kernel queue\n"
            + " --nflog-prefix STRING\t\tPrefix string for log messages\n";

    /** libxt_NFLOG's table order: group, prefix, range, size, threshold. */
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--nflog-group"),
            Option.withArgument("--nflog-prefix"),
            Option.withArgument("--nflog-range"),
            Option.withArgument("--nflog-size"),
            Option.withArgument("--nflog-threshold"));

    @Override
    public String name() {
        return "NFLOG";
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
        return new NflogBuilder(rule);
    }
}
