package org.jptables.plugins.mark;

import java.util.List;
import org.jptables.api.MarkValue;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads the MARK options into the revision-2 pair as libxt_MARK does: --set-xmark as given,
 * --set-mark v/m as v/(v|m), --and-mark b as 0/~b, --or-mark b as b/b, --xor-mark b as b/0.
 * The options exclude each other; as iptables checks that only at the end, a bad value is
 * reported before a conflict.
 */
final class MarkTargetBuilder implements TargetBuilder {
    private int value;
    private int mask;
    /** Bit i: option {@code MarkTargetExtension.NAMES.get(i)} was given. */
    private int given;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        switch (option) {
            case "--set-xmark" -> {
                MarkValue v = MarkValue.parseWithMask("MARK", option, arg);
                value = v.value();
                mask = v.mask();
            }
            case "--set-mark" -> {
                MarkValue v = MarkValue.parseWithMask("MARK", option, arg);
                value = v.value();
                mask = v.value() | v.mask();
            }
            case "--and-mark" -> {
                value = 0;
                mask = ~MarkValue.parseU32("MARK", option, arg);
            }
            case "--or-mark" -> {
                value = MarkValue.parseU32("MARK", option, arg);
                mask = value;
            }
            default -> {
                value = MarkValue.parseU32("MARK", option, arg);
                mask = 0;
            }
        }
        given |= 1 << MarkTargetExtension.NAMES.indexOf(option);
    }

    @Override
    public Target build() throws RuleException {
        if (given == 0) {
            throw new RuleException("MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required");
        }
        if (Integer.bitCount(given) > 1) {
            // xtables_options_fcheck: the first option given in table order, with the next one
            int first = Integer.numberOfTrailingZeros(given);
            int other = Integer.numberOfTrailingZeros(given & ~(1 << first));
            throw new RuleException("MARK: option \"" + MarkTargetExtension.NAMES.get(first)
                    + "\" cannot be used together with \"" + MarkTargetExtension.NAMES.get(other) + "\".\n");
        }
        return new MarkTarget(value, mask);
    }
}
