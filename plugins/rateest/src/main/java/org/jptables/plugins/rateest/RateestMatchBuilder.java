package org.jptables.plugins.rateest;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads rateest's options as libxt_rateest's old-style parser does (its messages, its order of
 * checks: the ! first, then the repetition), then checks the rule as xt_rateest's checkentry does
 * and finds the estimators.
 */
final class RateestMatchBuilder implements MatchBuilder {
    private static final String INVALID = "Invalid argument. Run `dmesg' for more information.";
    private static final long U32 = 0xFFFFFFFFL;

    private final RuleContext rule;
    private final Set<String> seen = new HashSet<>();
    private String name1 = "";
    private String name2 = "";
    private boolean relative;
    private boolean bytes;
    private boolean packets;
    private boolean delta;
    private boolean inverted;
    private RateestMatch.Mode mode;
    private long bytes1;
    private long packets1;
    private long bytes2;
    private long packets2;

    RateestMatchBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        switch (option) {
            case "--rateest1", "--rateest2" -> {
                once(option, invert, "rateest", "can't specify " + option + " twice");
                String name = args.get(0).length() > RateestTargetBuilder.NAME_LENGTH
                        ? args.get(0).substring(0, RateestTargetBuilder.NAME_LENGTH) : args.get(0);
                if (option.equals("--rateest1")) {
                    name1 = name;
                } else {
                    name2 = name;
                    relative = true;
                }
            }
            case "--rateest-bps1", "--rateest-bps2" -> {
                once(option, invert, "rateest-bps", "can't specify " + option + " twice");
                bytes = true;
                if (!args.isEmpty()) {
                    long rate = ByteRate.parse(args.get(0));
                    if (option.endsWith("1")) {
                        bytes1 = rate;
                    } else {
                        bytes2 = rate;
                    }
                }
            }
            case "--rateest-pps1", "--rateest-pps2" -> {
                once(option, invert, "rateest-pps", "can't specify " + option + " twice");
                packets = true;
                if (!args.isEmpty()) {
                    long rate = CNumbers.whole(args.get(0), 0, U32);
                    if (rate < 0) {
                        throw new RuleException("rateest: could not parse pps `" + args.get(0) + "'");
                    }
                    if (option.endsWith("1")) {
                        packets1 = rate;
                    } else {
                        packets2 = rate;
                    }
                }
            }
            case "--rateest-delta" -> {
                once(option, invert, "rateest-delta", "can't specify --rateest-delta twice");
                delta = true;
            }
            default -> {
                // --rateest-lt, -gt, -eq: each once, but one after another is allowed (the last wins);
                // a ! before any of them inverts the whole match
                if (!seen.add(option)) {
                    throw new RuleException("rateest: can't specify lt/gt/eq twice");
                }
                mode = switch (option) {
                    case "--rateest-lt" -> RateestMatch.Mode.LT;
                    case "--rateest-gt" -> RateestMatch.Mode.GT;
                    default -> RateestMatch.Mode.EQ;
                };
                inverted |= invert;
            }
        }
    }

    private void once(String option, boolean invert, String what, String twice) throws RuleException {
        if (invert) {
            throw new RuleException("rateest: " + what + " can't be inverted");
        }
        if (!seen.add(option)) {
            throw new RuleException("rateest: " + twice);
        }
    }

    @Override
    public Match build() throws RuleException {
        // xt_rateest_mt_checkentry: something to compare, and how
        if (!bytes && !packets || mode == null) {
            throw RuleException.refusedByKernel(INVALID);
        }
        Estimators estimators = Estimators.of(rule);
        Estimator first = estimators.find(name1, rule.savedRule());
        Estimator second = relative ? estimators.find(name2, rule.savedRule()) : null;
        return new RateestMatch(new RateestComparison(name1, relative ? name2 : null, delta, bytes, packets, mode,
                inverted, bytes1, packets1, bytes2, packets2), first, second);
    }
}
