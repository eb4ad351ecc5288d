package org.jptables.plugins.tos;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m tos} (xt_tos revision 1): the TOS byte under a mask against a value. */
@org.pf4j.Extension
public final class TosExtension implements MatchExtension {
    static final String HELP = ""
            + "tos match options:\n"
            + "[!] --tos value[/mask]    Match Type of Service/Priority field value\n"
            + "[!] --tos symbol          Match TOS field (IPv4 only) by symbol\n"
            + "                          Accepted symbolic names for value are:\n"
            + "                          (0x10) 16 Minimize-Delay\n"
            + "                          (0x08)  8 Maximize-Throughput\n"
            + "                          (0x04)  4 Maximize-Reliability\n"
            + "                          (0x02)  2 Minimize-Cost\n"
            + "                          (0x00)  0 Normal-Service\n"
            + "\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--tos").invertible().mandatory());

    @Override
    public String name() {
        return "tos";
    }

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
        return new TosBuilder();
    }
}
