package org.jptables.plugins.pkttype;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/** Reads --pkt-type by name. */
final class PkttypeBuilder implements MatchBuilder {
    private int type;
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        int t = PacketType.parse(args.get(0));
        if (t < 0) {
            throw new RuleException("Bad packet type '" + args.get(0) + "'");
        }
        this.type = t;
        this.inverted = inverted;
    }

    @Override
    public Match build() {
        return new PkttypeMatch(type, inverted);
    }
}
