package org.jptables.plugins.hashlimit;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m hashlimit}: xt_hashlimit revision 3, the one iptables 1.8.9 picks on a current
 * kernel. A token bucket (or with --hashlimit-rate-match a rate window) per flow, flows told apart
 * by the addresses and ports --hashlimit-mode names, in a table named --hashlimit-name.
 */
@org.pf4j.Extension
public final class HashlimitExtension implements MatchExtension {
    static final String UPTO = "--hashlimit-upto";
    static final String ABOVE = "--hashlimit-above";
    static final String SRCMASK = "--hashlimit-srcmask";
    static final String DSTMASK = "--hashlimit-dstmask";
    static final String BURST = "--hashlimit-burst";
    static final String SIZE = "--hashlimit-htable-size";
    static final String MAX = "--hashlimit-htable-max";
    static final String GC_INTERVAL = "--hashlimit-htable-gcinterval";
    static final String EXPIRE = "--hashlimit-htable-expire";
    static final String MODE = "--hashlimit-mode";
    static final String NAME = "--hashlimit-name";
    static final String RATE_MATCH = "--hashlimit-rate-match";
    static final String RATE_INTERVAL = "--hashlimit-rate-interval";

    static final String HELP = "hashlimit match options:\n"
            + "  --hashlimit-upto <avg>           max average match rate\n"
            + "                                   [Packets per second unless followed by \n"
            + "                                   /sec /minute /hour /day postfixes]\n"
            + "  --hashlimit-above <avg>          min average match rate\n"
            + "  --hashlimit-mode <mode>          mode is a comma-separated list of\n"
            + "                                   dstip,srcip,dstport,srcport (or none)\n"
            + "  --hashlimit-srcmask <length>     source address grouping prefix length\n"
            + "  --hashlimit-dstmask <length>     destination address grouping prefix length\n"
            + "  --hashlimit-name <name>          name for /proc/net/ipt_hashlimit\n"
            + "  --hashlimit-burst <num>\t    number to match in a burst, default 5\n"
            + "  --hashlimit-htable-size <num>    number of hashtable buckets\n"
            + "  --hashlimit-htable-max <num>     number of hashtable entries\n"
            + "  --hashlimit-htable-gcinterval    interval between garbage collection runs\n"
            + "  --hashlimit-htable-expire        after which time are idle entries expired?\n"
            + "  --hashlimit-rate-match           rate match the flow without rate-limiting it\n"
            + "  --hashlimit-rate-interval        interval in seconds for hashlimit-rate-match\n"
            + "\n";

    // in libxt_hashlimit's table order; --hashlimit is the old name of --hashlimit-upto
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(UPTO).alias("--hashlimit").invertible(),
            Option.withArgument(ABOVE).invertible(),
            Option.withArgument(SRCMASK),
            Option.withArgument(DSTMASK),
            Option.withArgument(BURST),
            Option.withArgument(SIZE),
            Option.withArgument(MAX),
            Option.withArgument(GC_INTERVAL),
            Option.withArgument(EXPIRE),
            Option.withArgument(MODE),
            Option.withArgument(NAME).mandatory(),
            Option.flag(RATE_MATCH),
            Option.withArgument(RATE_INTERVAL));

    @Override
    public String name() {
        return "hashlimit";
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new HashlimitBuilder(rule);
    }
}
