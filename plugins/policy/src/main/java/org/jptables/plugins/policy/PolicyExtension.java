package org.jptables.plugins.policy;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * The {@code policy} match (xt_policy): the IPsec policy a packet was decapsulated by
 * ({@code --dir in}) or will be encapsulated by ({@code --dir out}). Allowed in every table; which
 * hooks depends on the direction ({@link PolicyMatch#allowedAt}).
 */
@org.pf4j.Extension
public final class PolicyExtension implements MatchExtension {
    static final String HELP = "policy match options:\n"
            + "  --dir in|out\t\t\tmatch policy applied during decapsulation/\n"
            + "\t\t\t\tpolicy to be applied during encapsulation\n"
            + "  --pol none|ipsec\t\tmatch policy\n"
            + "  --strict \t\t\tmatch entire policy instead of single element\n"
            + "\t\t\t\tat any position\n"
            + "These options may be used repeatedly, to describe policy elements:\n"
            + "[!] --reqid reqid\t\tmatch reqid\n"
            + "[!] --spi spi\t\t\tmatch SPI\n"
            + "[!] --proto proto\t\tmatch protocol (ah/esp/ipcomp)\n"
            + "[!] --mode mode \t\tmatch mode (transport/tunnel)\n"
            + "[!] --tunnel-src addr/mask\tmatch tunnel source\n"
            + "[!] --tunnel-dst addr/mask\tmatch tunnel destination\n"
            + "  --next \t\t\tbegin next element in policy\n";

    /** libxt_policy's option table, in its order (getopt's abbreviations are resolved in it). */
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--dir"),
            Option.withArgument("--pol"),
            Option.flag("--strict"),
            Option.withArgument("--reqid").invertible().repeatable(),
            Option.withArgument("--spi").invertible().repeatable(),
            Option.withArgument("--tunnel-src").invertible().repeatable(),
            Option.withArgument("--tunnel-dst").invertible().repeatable(),
            Option.withArgument("--proto").invertible().repeatable(),
            Option.withArgument("--mode").invertible().repeatable(),
            Option.flag("--next").repeatable());

    @Override
    public String name() {
        return "policy";
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
        return new PolicyBuilder(rule.names());
    }
}
