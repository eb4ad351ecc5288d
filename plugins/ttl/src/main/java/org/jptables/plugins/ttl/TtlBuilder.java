package org.jptables.plugins.ttl;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/** Reads one of --ttl-eq, --ttl-lt, --ttl-gt; the three exclude each other. */
final class TtlBuilder implements MatchBuilder {
    private boolean eq;
    private boolean lt;
    private boolean gt;
    private TtlMode mode;
    private int ttl;

    @Override
    public void option(String name, List<String> args, boolean inverted) throws RuleException {
        long value = CNumbers.whole(args.get(0), 0, 255);
        if (value < 0) {
            throw new RuleException("ttl: bad value for option \"" + name + "\", or out of range (0-255).");
        }
        ttl = (int) value;
        switch (name) {
            case TtlExtension.EQ -> {
                eq = true;
                mode = inverted ? TtlMode.NE : TtlMode.EQ;
            }
            case TtlExtension.LT -> {
                lt = true;
                mode = TtlMode.LT;
            }
            default -> {
                gt = true;
                mode = TtlMode.GT;
            }
        }
    }

    /**
     * libxtables checks the exclusions after the whole line, walking libipt_ttl's table in its
     * order (--ttl-lt, --ttl-gt, --ttl-eq) and naming the first other option set, by id order
     * (eq, lt, gt).
     */
    @Override
    public Match build() throws RuleException {
        if (mode == null) {
            // sic: the closing quote is missing in iptables too
            throw new RuleException("TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt");
        }
        if (lt && (eq || gt)) {
            throw exclusive(TtlExtension.LT, eq ? TtlExtension.EQ : TtlExtension.GT);
        }
        if (gt && eq) {
            throw exclusive(TtlExtension.GT, TtlExtension.EQ);
        }
        return new TtlMatch(mode, ttl);
    }

    private static RuleException exclusive(String option, String other) {
        return new RuleException("ttl: option \"" + option + "\" cannot be used together with \"" + other + "\".");
    }
}
