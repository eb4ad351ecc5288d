package org.jptables.plugins.tcpoptstrip;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/** {@code -j TCPOPTSTRIP [--strip-options LIST]} (xt_TCPOPTSTRIP): TCP options overwritten with NOPs, in mangle. */
@org.pf4j.Extension
public final class TcpoptstripExtension implements TargetExtension {
    static final String HELP = "TCPOPTSTRIP target options:\n"
            + "  --strip-options value     strip specified TCP options denoted by value\n"
            + "                            (separated by comma) from TCP header\n"
            + "  Instead of the numeric value, you can also use the following names:\n"
            + "    wscale            strip \"Window scale\" option\n"
            + "    mss               strip \"Maximum Segment Size\" option\n"
            + "    sack-permitted    strip \"SACK permitted\" option\n"
            + "    sack              strip \"Selective ACK\" option\n"
            + "    timestamp         strip \"Timestamp\" option\n"
            + "    md5               strip \"MD5 signature\" option\n";

    /** The kernel's xt_target.table: mangle, at every hook it has. */
    static final Placement MANGLE = Placement.table("mangle",
            Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING);

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--strip-options"));

    @Override
    public String name() {
        return "TCPOPTSTRIP";
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
        return new TcpoptstripBuilder(rule);
    }
}
