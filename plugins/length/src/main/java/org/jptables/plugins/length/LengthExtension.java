package org.jptables.plugins.length;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m length} (xt_length): the IPv4 total length within a range. */
@org.pf4j.Extension
public final class LengthExtension implements MatchExtension {
    static final String HELP = ""
            + "length match options:\n"
            + "[!] --length length[:length]    Match packet length against value or range\n"
            + "                                of values (inclusive)\n";

    static final String LENGTH = "--length";

    private static final List<Option> OPTIONS = List.of(Option.withArgument(LENGTH).invertible().mandatory());

    @Override
    public String name() {
        return "length";
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
        return new LengthBuilder();
    }
}
