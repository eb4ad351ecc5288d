package org.jptables.plugins.log;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/** {@code -j LOG} (ipt_LOG): a kernel log line per packet; usable in every table and chain. */
@org.pf4j.Extension
public final class LogExtension implements TargetExtension {
    static final String HELP = ""
            + "LOG target options:\n"
            + " --log-level level\t\tLevel of logging (numeric or see syslog.conf)\n"
            + " --log-prefix prefix\t\tPrefix log messages with this prefix.\n"
            + " --log-tcp-sequence\t\tLog TCP sequence numbers.\n"
            + " --log-tcp-options\t\tLog TCP options.\n"
            + " --log-ip-options\t\tLog IP options.\n"
            + " --log-uid\t\t\tLog UID owning the local socket.\n"
            + " --log-macdecode\t\tDecode MAC addresses and protocol.\n";

    static final String LEVEL = "--log-level";
    static final String PREFIX = "--log-prefix";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(LEVEL),
            Option.withArgument(PREFIX),
            Option.flag(LogFlag.TCP_SEQUENCE.option()),
            Option.flag(LogFlag.TCP_OPTIONS.option()),
            Option.flag(LogFlag.IP_OPTIONS.option()),
            Option.flag(LogFlag.UID.option()),
            Option.flag(LogFlag.MAC_DECODE.option()));

    @Override
    public String name() {
        return "LOG";
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
        return new LogBuilder();
    }
}
