package org.jptables.plugins.tos;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.api.TosMask;

/**
 * Reads {@code --tos} as libxtables' XTTYPE_TOSMASK: a number (C syntax, at most 255) with an
 * optional {@code /mask} (default 0xff), else a symbolic name (mask 0x3f).
 */
final class TosBuilder implements MatchBuilder {
    private int value;
    private int mask;
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        this.inverted = inverted;
        TosMask read = TosMask.parse(arg);
        value = read.value();
        mask = read.mask();
    }

    @Override
    public Match build() {
        return new TosMatch(value, mask, inverted);
    }
}
