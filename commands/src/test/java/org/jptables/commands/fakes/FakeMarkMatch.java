package org.jptables.commands.fakes;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Packet;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.pf4j.Extension;

/** {@code -m fakemark --is N}: the packet mark equals N. Allowed only in INPUT, to test placement. */
@Extension
public final class FakeMarkMatch implements MatchExtension {
    @Override
    public String name() {
        return "fakemark";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.withArgument("--is").invertible().mandatory());
    }

    @Override
    public String help() {
        return "fakemark match options:\n[!] --is value\n";
    }

    @Override
    public Placement placement() {
        return Placement.hooks(Hook.INPUT);
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MatchBuilder() {
            int value;
            boolean inverted;

            @Override
            public void option(String option, List<String> args, boolean inv) {
                value = Integer.parseInt(args.get(0));
                inverted = inv;
            }

            @Override
            public Match build() {
                int v = value;
                boolean inv = inverted;
                return new Match() {
                    @Override
                    public boolean matches(Packet packet) {
                        return (packet.mark() == v) != inv;
                    }

                    @Override
                    public void print(StringBuilder out, ListingFormat format) {
                        out.append(inv ? " fakemark ! is " : " fakemark is ").append(v);
                    }

                    @Override
                    public void save(StringBuilder out) {
                        out.append(inv ? " ! --is " : " --is ").append(v);
                    }
                };
            }
        };
    }
}
