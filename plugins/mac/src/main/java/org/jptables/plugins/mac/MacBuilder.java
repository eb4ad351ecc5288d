package org.jptables.plugins.mac;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/** Reads --mac-source. */
final class MacBuilder implements MatchBuilder {
    private long mac;
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        mac = MacAddress.parse(args.get(0));
        this.inverted = inverted;
    }

    @Override
    public Match build() {
        return new MacMatch(mac, inverted);
    }
}
