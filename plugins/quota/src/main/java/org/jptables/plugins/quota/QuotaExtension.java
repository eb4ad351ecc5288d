package org.jptables.plugins.quota;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** {@code -m quota [!] --quota BYTES} (xt_quota): a countdown of bytes, one per rule. */
@org.pf4j.Extension
public final class QuotaExtension implements MatchExtension {
    static final String HELP = "quota match options:\n"
            + "[!] --quota quota\t\tquota (bytes)\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--quota").invertible().mandatory());

    @Override
    public String name() {
        return "quota";
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
        return new MatchBuilder() {
            private long quota;
            private boolean given;
            private boolean inverted;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                quota = QuotaMatch.parse(args.get(0));
                given = true;
                this.inverted = inverted;
            }

            @Override
            public Match build() throws RuleException {
                if (!given) {
                    throw new RuleException("quota: option \"--quota\" must be specified\n");
                }
                return new QuotaMatch(quota, inverted);
            }
        };
    }
}
