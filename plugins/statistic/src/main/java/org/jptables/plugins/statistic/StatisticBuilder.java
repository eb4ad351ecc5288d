package org.jptables.plugins.statistic;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Numbers;
import org.jptables.api.RuleException;

/**
 * Collects the statistic options. The final checks come in libxtables' order: the extension's
 * own checks first, then the option table's (mandatory {@code --mode}, exclusions, companions)
 * in table order.
 */
final class StatisticBuilder implements MatchBuilder {
    private static final long U32 = 0xFFFFFFFFL;
    private boolean modeGiven;
    private boolean nth;
    private boolean probabilityGiven;
    private boolean everyGiven;
    private boolean packetGiven;
    private boolean inverted;
    /**
     * The first word of the kernel's union: the probability in random mode, n - 1 in nth mode.
     * Whichever option came last wrote it, and the packet check reads it in either mode.
     */
    private long slot;
    private long packet;

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        String arg = args.get(0);
        if (invert) {
            inverted = true;
        }
        switch (option) {
            case "--mode" -> {
                modeGiven = true;
                if (arg.equals("random")) {
                    nth = false;
                } else if (arg.equals("nth")) {
                    nth = true;
                } else {
                    throw new RuleException("Bad mode \"" + arg + "\"");
                }
            }
            case "--probability" -> {
                probabilityGiven = true;
                slot = Probability.parse(arg);
            }
            case "--every" -> {
                everyGiven = true;
                long n = Numbers.parse(arg, 1, U32);
                if (n < 0) {
                    throw new RuleException(
                            "statistic: bad value for option \"--every\", or out of range (1-4294967295).\n");
                }
                slot = n - 1;
            }
            case "--packet" -> {
                packetGiven = true;
                packet = Numbers.parse(arg, 0, U32);
                if (packet < 0) {
                    throw new RuleException(
                            "statistic: bad value for option \"--packet\", or out of range (0-4294967295).\n");
                }
            }
            default -> throw new IllegalArgumentException(option);
        }
    }

    @Override
    public Match build() throws RuleException {
        if (!nth && !probabilityGiven) {
            throw new RuleException("--probability must be specified when using random mode");
        }
        if (nth && !everyGiven && !packetGiven) {
            throw new RuleException("--every and --packet must be specified when using nth mode");
        }
        if (packet > slot) {
            throw new RuleException("the --packet p must be 0 <= p <= n-1");
        }
        if (!modeGiven) {
            throw new RuleException("statistic: option \"--mode\" must be specified\n");
        }
        if (probabilityGiven && everyGiven) {
            throw together("--probability", "--every");
        }
        if (probabilityGiven && packetGiven) {
            throw together("--probability", "--packet");
        }
        if (everyGiven && !packetGiven) {
            throw new RuleException("statistic: option \"--every\" also requires \"--packet\".\n");
        }
        return nth ? new NthMatch(slot, packet, inverted) : new RandomMatch(slot, inverted);
    }

    private static RuleException together(String a, String b) {
        return new RuleException("statistic: option \"" + a + "\" cannot be used together with \"" + b + "\".\n");
    }
}
