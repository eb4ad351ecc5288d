package org.jptables.plugins.ecn;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/** {@code -j ECN} (ipt_ECN): sets the IPv4 ECN field and the TCP ECE and CWR flags, in the mangle table. */
@org.pf4j.Extension
public final class EcnTargetExtension implements TargetExtension {
    static final String REMOVE = "--ecn-tcp-remove";
    static final String CWR = "--ecn-tcp-cwr";
    static final String ECE = "--ecn-tcp-ece";
    static final String ECT = "--ecn-ip-ect";

    static final String HELP = "ECN target options\n"
            + "  --ecn-tcp-remove\t\tRemove all ECN bits from TCP header\n";

    /** The kernel's xt_target.table: mangle, at every hook it has. */
    static final Placement MANGLE = Placement.table("mangle",
            Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING);

    private static final List<Option> OPTIONS = List.of(
            Option.flag(REMOVE), Option.withArgument(CWR), Option.withArgument(ECE), Option.withArgument(ECT));

    @Override
    public String name() {
        return "ECN";
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
    public Placement placement() {
        return MANGLE;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new EcnTargetBuilder(rule);
    }
}
