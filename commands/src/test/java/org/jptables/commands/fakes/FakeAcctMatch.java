package org.jptables.commands.fakes;

import java.util.List;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.NfacctObject;
import org.jptables.api.Option;
import org.jptables.api.Packet;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.pf4j.Extension;

/**
 * {@code -m fakeacct --acct NAME}: every packet counted into accounting object NAME, resolved once
 * when the rule is loaded as the real nfacct match does, so every rule holds a reference.
 */
@Extension
public final class FakeAcctMatch implements MatchExtension {
    @Override
    public String name() {
        return "fakeacct";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.withArgument("--acct").mandatory());
    }

    @Override
    public String help() {
        return "fakeacct match options:\n--acct name\n";
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MatchBuilder() {
            String name;

            @Override
            public void option(String option, List<String> args, boolean inv) {
                name = args.get(0);
            }

            // the kernel's checkentry: a refusal there is exit status 1, not a parameter problem
            @Override
            public Match build() throws RuleException {
                NfacctObject o = rule.nfacctObjects().findObject(name);
                if (o == null) {
                    throw RuleException.refusedByKernel("No chain/target/match by that name.");
                }
                return new Match() {
                    @Override
                    public boolean matches(Packet packet) {
                        return o.account(packet);
                    }

                    @Override
                    public void print(StringBuilder out, ListingFormat format) {
                        out.append(" fakeacct ").append(o.name());
                    }

                    @Override
                    public void save(StringBuilder out) {
                        out.append(" --acct ").append(o.name());
                    }
                };
            }
        };
    }
}
