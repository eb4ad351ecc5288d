package org.jptables.plugins.led;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * libxt_LED's options: the trigger's suffix at most 16 characters (xt_led_info's id is char[27]
 * and starts with "netfilter-"), the delay "inf..." (any case: -1, forever) or 0-4294967295.
 */
final class LedBuilder implements TargetBuilder {
    private static final int ID_MAX = 16;

    private String id = "";
    private int delay;
    private boolean alwaysBlink;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case "--led-trigger-id" -> {
                String arg = args.get(0);
                if (arg.length() > ID_MAX) {
                    throw new RuleException("Argument must have a maximum length of " + ID_MAX + " characters\n");
                }
                id = arg;
            }
            case "--led-delay" -> {
                String arg = args.get(0);
                if (arg.regionMatches(true, 0, "inf", 0, 3)) {
                    delay = -1;
                } else {
                    long v = CNumbers.whole(arg, 0, 0xFFFFFFFFL);
                    if (v < 0) {
                        throw new RuleException("Delay value must be within range 0..4294967295");
                    }
                    delay = (int) v;
                }
            }
            default -> alwaysBlink = true;
        }
    }

    @Override
    public Target build() {
        // a missing --led-trigger-id is the kernel's mandatory-option check, after this
        return new LedTarget(id, delay, alwaysBlink);
    }
}
