package org.jptables.plugins.tos;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.api.TosSymbol;

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
        CNumbers.Read number = CNumbers.read(arg, 0, 255);
        if (number != null) {
            value = (int) number.value();
            mask = 0xff;
            int end = number.end();
            if (end < arg.length() && arg.charAt(end) == '/') {
                CNumbers.Read m = CNumbers.read(arg.substring(end + 1), 0, 255);
                if (m == null) {
                    throw illegal(arg);
                }
                mask = (int) m.value();
                end = end + 1 + m.end();
            }
            if (end != arg.length()) {
                throw illegal(arg);
            }
            return;
        }
        TosSymbol symbol = TosSymbol.named(arg);
        if (symbol == null) {
            throw new RuleException("Symbolic name \"" + arg + "\" is unknown");
        }
        value = symbol.value();
        mask = TosSymbol.MASK;
    }

    private static RuleException illegal(String arg) {
        return new RuleException("Illegal value: \"" + arg + "\"");
    }

    @Override
    public Match build() {
        return new TosMatch(value, mask, inverted);
    }
}
