package org.jptables.plugins.tcpmss;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m tcpmss} (xt_tcpmss): the MSS option of a TCP packet within a range. */
@org.pf4j.Extension
public final class TcpmssMatchExtension implements MatchExtension {
    static final String HELP = ""
            + "tcpmss match options:\n"
            + "[!] --mss value[:value]\tMatch TCP MSS range.\n"
            + "\t\t\t\t(only valid for TCP SYN or SYN/ACK packets)\n";

    static final String MSS = "--mss";

    private static final List<Option> OPTIONS = List.of(Option.withArgument(MSS).invertible().mandatory());

    @Override
    public String name() {
        return "tcpmss";
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
        return new TcpmssMatchBuilder(rule);
    }
}
