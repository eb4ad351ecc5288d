package org.jptables.plugins.ttl;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m ttl} (ipt_ttl): the IPv4 time-to-live equal to, unequal to, below or above a value. */
@org.pf4j.Extension
public final class TtlExtension implements MatchExtension {
    static final String HELP = ""
            + "ttl match options:\n"
            + "[!] --ttl-eq value\tMatch time to live value\n"
            + "  --ttl-lt value\tMatch TTL < value\n"
            + "  --ttl-gt value\tMatch TTL > value\n";

    static final String EQ = "--ttl-eq";
    static final String LT = "--ttl-lt";
    static final String GT = "--ttl-gt";

    /* "--ttl" is an old spelling of --ttl-eq (its entry in libipt_ttl's table shares the id). */
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(EQ).alias("--ttl").invertible(),
            Option.withArgument(LT),
            Option.withArgument(GT));

    @Override
    public String name() {
        return "ttl";
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
        return new TtlBuilder();
    }
}
