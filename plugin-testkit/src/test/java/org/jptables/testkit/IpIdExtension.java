package org.jptables.testkit;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Numbers;
import org.jptables.api.Option;
import org.jptables.api.Packet;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * A match written as a plugin writes one, for the testkit's own tests:
 * {@code -m ipid [--id N] [--df] [--mf]} reads the header fields through {@link Packet} alone.
 * Listed in src/test/resources/META-INF/extensions.idx, as PF4J's annotation processor lists a plugin's.
 */
@org.pf4j.Extension
public final class IpIdExtension implements MatchExtension {
    @Override
    public String name() {
        return "ipid";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.withArgument("--id"), Option.flag("--df"), Option.flag("--mf"));
    }

    @Override
    public String help() {
        return "ipid match options:\n--id N\n--df\n--mf\n";
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MatchBuilder() {
            private int id = -1;
            private boolean df;
            private boolean mf;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                switch (option) {
                    case "--id" -> {
                        long n = Numbers.parse(args.get(0), 0, 65535);
                        if (n < 0) {
                            throw RuleException.badValue(option, args.get(0));
                        }
                        id = (int) n;
                    }
                    case "--df" -> df = true;
                    default -> mf = true;
                }
            }

            @Override
            public Match build() {
                return new IpIdMatch(id, df, mf);
            }
        };
    }

    record IpIdMatch(int id, boolean df, boolean mf) implements Match {
        @Override
        public boolean matches(Packet p) {
            int value = p.identification();
            if (value < 0) {
                p.hotdrop();
                return false;
            }
            return (id < 0 || value == id) && (!df || p.dontFragment()) && (!mf || p.moreFragments());
        }

        @Override
        public void save(StringBuilder out) {
            if (id >= 0) {
                out.append(" --id ").append(id);
            }
            out.append(df ? " --df" : "").append(mf ? " --mf" : "");
        }
    }
}
