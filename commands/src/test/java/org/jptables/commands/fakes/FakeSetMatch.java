package org.jptables.commands.fakes;

import java.util.List;
import org.jptables.api.IpSet;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Packet;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.SetLookup;
import org.pf4j.Extension;

/**
 * {@code -m fakeset --src-in NAME}: the source address is in set NAME. The set is resolved once,
 * when the rule is loaded, as the real set match does, so every rule holds a reference.
 */
@Extension
public final class FakeSetMatch implements MatchExtension {
    private static final SetLookup SOURCE = SetLookup.of(1, 1);

    @Override
    public String name() {
        return "fakeset";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.withArgument("--src-in").mandatory());
    }

    @Override
    public String help() {
        return "fakeset match options:\n--src-in name\n";
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MatchBuilder() {
            IpSet set;

            @Override
            public void option(String option, List<String> args, boolean inv) throws RuleException {
                set = rule.ipSets().find(args.get(0));
                if (set == null) {
                    throw new RuleException("Set " + args.get(0) + " doesn't exist.");
                }
            }

            @Override
            public Match build() {
                IpSet s = set;
                return new Match() {
                    @Override
                    public boolean matches(Packet packet) {
                        return s.test(packet, SOURCE);
                    }

                    @Override
                    public void print(StringBuilder out, ListingFormat format) {
                        out.append(" fakeset src in ").append(s.name());
                    }

                    @Override
                    public void save(StringBuilder out) {
                        out.append(" --src-in ").append(s.name());
                    }
                };
            }
        };
    }
}
