package org.jptables.plugins.tostarget;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TosMask;

/**
 * tos_tg_parse_v1: {@code --set-tos} is libxtables' XTTYPE_TOSMASK (a number, C syntax, at most
 * 255, with an optional {@code /mask}, default 0xff; else a symbolic name, mask 0x3f);
 * {@code --and-tos}, {@code --or-tos} and {@code --xor-tos} an XTTYPE_UINT8, kept as the pairs
 * {@code 0/~bits}, {@code bits/bits} and {@code bits/0}. The four exclude each other, checked after
 * the whole line in the option table's order (set, and, or, xor); then an action is required.
 */
final class TosTargetBuilder implements TargetBuilder {
    private static final String[] ORDER = {
        TosTargetExtension.SET, TosTargetExtension.AND, TosTargetExtension.OR, TosTargetExtension.XOR};

    private final boolean[] given = new boolean[ORDER.length];
    private boolean any;
    private int value;
    private int mask;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        int index = List.of(ORDER).indexOf(option);
        if (index == 0) {
            readTosMask(arg);
        } else {
            long v = CNumbers.whole(arg, 0, 255);
            if (v < 0) {
                throw new RuleException("TOS: bad value for option \"" + option + "\", or out of range (0-255).\n");
            }
            int bits = (int) v;
            switch (index) {
                case 1 -> {
                    value = 0;
                    mask = ~bits & 0xFF;
                }
                case 2 -> {
                    value = bits;
                    mask = bits;
                }
                default -> {
                    value = bits;
                    mask = 0;
                }
            }
        }
        given[index] = true;
        any = true;
    }

    /** XTTYPE_TOSMASK, as libxtables' xtopt_parse_tosmask. */
    private void readTosMask(String arg) throws RuleException {
        TosMask read = TosMask.parse(arg);
        value = read.value();
        mask = read.mask();
    }

    @Override
    public Target build() throws RuleException {
        for (int i = 0; i < ORDER.length; i++) {
            for (int j = i + 1; given[i] && j < ORDER.length; j++) {
                if (given[j]) {
                    throw new RuleException("TOS: option \"" + ORDER[i] + "\" cannot be used together with \""
                            + ORDER[j] + "\".\n");
                }
            }
        }
        if (!any) {
            throw new RuleException("TOS: An action is required");
        }
        return new TosTarget(value, mask);
    }
}
