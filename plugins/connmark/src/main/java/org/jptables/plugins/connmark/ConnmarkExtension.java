package org.jptables.plugins.connmark;

import java.util.List;
import org.jptables.api.MarkValue;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m connmark [!] --mark value[/mask]} (xt_connmark revision 1): the connection's mark. */
@org.pf4j.Extension
public final class ConnmarkExtension implements MatchExtension {
    static final String HELP = "connmark match options:\n"
            + "[!] --mark value[/mask]    Match ctmark value with optional mask\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--mark").invertible().mandatory());

    @Override
    public String name() {
        return "connmark";
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
        return new MatchBuilder() {
            private MarkValue mark = new MarkValue(0, -1);
            private boolean inverted;

            @Override
            public void option(String option, List<String> args, boolean invert) throws org.jptables.api.RuleException {
                mark = MarkValue.parseWithMask("connmark", option, args.get(0));
                inverted = invert;
            }

            @Override
            public ConnmarkMatch build() {
                return new ConnmarkMatch(mark.value(), mark.mask(), inverted);
            }
        };
    }
}
