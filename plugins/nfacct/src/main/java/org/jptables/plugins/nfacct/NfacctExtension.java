package org.jptables.plugins.nfacct;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.NfacctObject;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * {@code -m nfacct --nfacct-name NAME} (xt_nfacct): every packet the match sees is counted into
 * the accounting object NAME, made beforehand with {@code nfacct add NAME}. The object is looked
 * up once, when the rule is loaded, as the kernel's checkentry does: a name no object has is the
 * kernel's ENOENT, "No chain/target/match by that name.".
 */
@org.pf4j.Extension
public final class NfacctExtension implements MatchExtension {
    static final String HELP = "nfacct match options:\n"
            + " --nfacct-name STRING\t\tName of accouting area\n";
    static final String NO_SUCH_OBJECT = "No chain/target/match by that name.";
    /** NFACCT_NAME_MAX: the rule holds the name in 32 bytes, its NUL included. */
    private static final int NAME_MAX = 32;

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--nfacct-name").mandatory());

    @Override
    public String name() {
        return "nfacct";
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
            private String name;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                String given = args.get(0);
                if (given.isEmpty()) {
                    throw new RuleException("Argument must have a minimum length of 1 characters\n");
                }
                name = given.length() < NAME_MAX ? given : given.substring(0, NAME_MAX - 1);
            }

            @Override
            public Match build() throws RuleException {
                if (name == null) {
                    throw new RuleException("nfacct: option \"--nfacct-name\" must be specified\n");
                }
                NfacctObject object = rule.nfacctObjects().findObject(name);
                if (object == null) {
                    throw RuleException.refusedByKernel(NO_SUCH_OBJECT);
                }
                return new NfacctMatch(object);
            }
        };
    }
}
