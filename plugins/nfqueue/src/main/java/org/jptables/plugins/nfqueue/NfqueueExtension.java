package org.jptables.plugins.nfqueue;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/** {@code -j NFQUEUE} (xt_NFQUEUE revision 3): hands the packet to a userspace queue. */
@org.pf4j.Extension
public final class NfqueueExtension implements TargetExtension {
    static final String HELP = "NFQUEUE target options\n"
            + "  --queue-num value            Send packet to QUEUE number <value>.\n"
            + "                               Valid queue numbers are 0-65535\n"
            + "  --queue-balance first:last   Balance flows between queues <value> to <value>.\n"
            + "  --queue-bypass               Bypass Queueing if no queue instance exists.\n"
            + "  --queue-cpu-fanout\tUse current CPU (no hashing)\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--queue-num"),
            Option.withArgument("--queue-balance"),
            Option.flag("--queue-bypass"),
            Option.flag("--queue-cpu-fanout"));

    @Override
    public String name() {
        return "NFQUEUE";
    }

    @Override
    public int revision() {
        return 3;
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
        return new NfqueueBuilder();
    }
}
