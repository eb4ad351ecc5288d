package org.jptables.plugins.ecn;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m ecn} (xt_ecn): the ECN field of the IPv4 header and the ECE and CWR flags of TCP. */
@org.pf4j.Extension
public final class EcnExtension implements MatchExtension {
    static final String CWR = "--ecn-tcp-cwr";
    static final String ECE = "--ecn-tcp-ece";
    static final String ECT = "--ecn-ip-ect";

    static final String HELP = "ECN match options\n"
            + "[!] --ecn-tcp-cwr \t\tMatch CWR bit of TCP header\n"
            + "[!] --ecn-tcp-ece\t\tMatch ECE bit of TCP header\n"
            + "[!] --ecn-ip-ect [0..3]\tMatch ECN codepoint in IPv4/IPv6 header\n";

    private static final List<Option> OPTIONS = List.of(
            Option.flag(CWR).invertible(),
            Option.flag(ECE).invertible(),
            Option.withArgument(ECT).invertible());

    @Override
    public String name() {
        return "ecn";
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
        return new EcnBuilder(rule);
    }
}
