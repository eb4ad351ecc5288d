package org.jptables.examples.srcquota;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m srcquota [!] --quota BYTES [--max-sources N]}: every source address may send
 * {@code BYTES} bytes (IPv4 total lengths) through the rule; its packets match while its quota
 * still covers them, as xt_quota does for one global quota. With {@code !} the rule matches the
 * packets over the quota instead.
 *
 * <p>The counts live in the rule (one table per rule), for as long as the ruleset is loaded: a
 * {@code jptables replay} run, or a long-running caller of the kernel.
 */
@org.pf4j.Extension
public final class SrcQuotaExtension implements MatchExtension {
    static final String NAME = "srcquota";
    static final String QUOTA = "--quota";
    static final String MAX_SOURCES = "--max-sources";

    static final String HELP = "srcquota match options:\n"
            + "[!] --quota bytes          bytes each source address may send through the rule\n"
            + " --max-sources n           source addresses counted at most (default "
            + SrcQuotaBuilder.DEFAULT_MAX_SOURCES + "); others count as over quota\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(QUOTA).invertible().mandatory(),
            Option.withArgument(MAX_SOURCES));

    @Override
    public String name() {
        return NAME;
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
        return new SrcQuotaBuilder();
    }
}
