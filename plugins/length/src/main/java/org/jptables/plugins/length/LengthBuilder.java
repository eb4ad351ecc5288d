package org.jptables.plugins.length;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/** Reads {@code --length} (mandatory: the kernel's parser refuses a rule without it). */
final class LengthBuilder implements MatchBuilder {
    private int min;
    private int max = 0xFFFF;
    private boolean inverted;

    @Override
    public void option(String name, List<String> args, boolean inverted) throws RuleException {
        int[] range = CNumbers.range("length", LengthExtension.LENGTH, args.get(0), 0xFFFF);
        this.min = range[0];
        this.max = range[1];
        this.inverted = inverted;
    }

    @Override
    public Match build() {
        return new LengthMatch(min, max, inverted);
    }
}
