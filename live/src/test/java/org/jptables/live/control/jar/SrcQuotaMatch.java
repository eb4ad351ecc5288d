package org.jptables.live.control.jar;

import java.util.List;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Packet;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * {@code -m srcquota --max N}: a match a test puts in a plugin jar of its own ({@link PluginJar}), as a
 * third party ships one. Deliberately without PF4J's {@code @Extension}, so that no class-path index
 * names it: only the jar provides it, and removing the jar removes it.
 */
public final class SrcQuotaMatch implements MatchExtension {
    @Override
    public String name() {
        return "srcquota";
    }

    @Override
    public List<Option> options() {
        return List.of(Option.withArgument("--max").mandatory());
    }

    @Override
    public String help() {
        return "srcquota match options:\n--max N\n";
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new Builder();
    }

    /** Reads --max. */
    public static final class Builder implements MatchBuilder {
        private long max = -1;

        @Override
        public void option(String option, List<String> args, boolean inverted) throws RuleException {
            try {
                max = Long.parseLong(args.get(0));
            } catch (NumberFormatException e) {
                throw RuleException.badValue(option, args.get(0));
            }
        }

        @Override
        public Match build() {
            return new Quota(max);
        }
    }

    /** Matches while fewer than max packets matched. */
    public static final class Quota implements Match {
        private final long max;
        private long seen;

        Quota(long max) {
            this.max = max;
        }

        @Override
        public boolean matches(Packet packet) {
            return seen++ < max;
        }

        @Override
        public void print(StringBuilder out, ListingFormat format) {
            out.append(" srcquota ").append(max);
        }

        @Override
        public void save(StringBuilder out) {
            out.append(" --max ").append(max);
        }
    }
}
