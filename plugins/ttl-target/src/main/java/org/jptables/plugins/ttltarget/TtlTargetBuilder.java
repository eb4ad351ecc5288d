package org.jptables.plugins.ttltarget;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads libipt_TTL's options, each an XTTYPE_UINT8: {@code --ttl-set} 0..255, {@code --ttl-dec}
 * and {@code --ttl-inc} 1..255 (a step of 0 is refused). The three exclude each other; libxtables
 * checks that after the whole line, walking the table in its order (set, dec, inc), so the message
 * names the earlier of the two whichever came first.
 */
final class TtlTargetBuilder implements TargetBuilder {
    private static final String[] ORDER = {TtlTargetExtension.SET, TtlTargetExtension.DEC, TtlTargetExtension.INC};

    private final boolean[] given = new boolean[ORDER.length];
    private TtlMode mode;
    private int value;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        TtlMode m = switch (option) {
            case TtlTargetExtension.SET -> TtlMode.SET;
            case TtlTargetExtension.DEC -> TtlMode.DEC;
            default -> TtlMode.INC;
        };
        int min = m == TtlMode.SET ? 0 : 1;
        long v = CNumbers.whole(args.get(0), min, 255);
        if (v < 0) {
            throw new RuleException("TTL: bad value for option \"" + option + "\", or out of range ("
                    + min + "-255).\n");
        }
        mode = m;
        value = (int) v;
        given[m.ordinal()] = true;
    }

    @Override
    public Target build() throws RuleException {
        for (int i = 0; i < ORDER.length; i++) {
            for (int j = i + 1; given[i] && j < ORDER.length; j++) {
                if (given[j]) {
                    throw new RuleException("TTL: option \"" + ORDER[i] + "\" cannot be used together with \""
                            + ORDER[j] + "\".\n");
                }
            }
        }
        if (mode == null) {
            throw new RuleException("TTL: You must specify an action");
        }
        return new TtlTarget(mode, value);
    }
}
