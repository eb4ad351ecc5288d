package org.jptables.plugins.set;

import java.math.BigInteger;
import java.util.List;
import org.jptables.api.IpSet;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.SetLookup;

/**
 * Collects the set match's options in libxt_set's order of checks (set_parse_v4): the set is looked
 * up when {@code --match-set} is read, so an unknown set is refused before anything after it.
 */
final class SetMatchBuilder implements MatchBuilder {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final RuleContext rule;
    private IpSet set;
    private SetLookup directions;
    private boolean inverted;
    private int flags;
    private int packetsOp = SetLookup.COUNTER_NONE;
    private long packets;
    private int bytesOp = SetLookup.COUNTER_NONE;
    private long bytes;

    SetMatchBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        switch (option) {
            case "--match-set", "--set" -> {
                if (option.equals("--set")) {
                    rule.warn("--set option deprecated, please use --match-set");
                }
                if (directions != null) {
                    throw new RuleException("--match-set can be specified only once");
                }
                inverted |= invert;
                set = SetNames.find(rule, args.get(0));
                directions = Directions.parse(args.get(1));
            }
            case "--return-nomatch" -> {
                if (invert) {
                    throw new RuleException("--return-nomatch flag cannot be inverted");
                }
                flags |= SetLookup.FLAG_RETURN_NOMATCH;
            }
            case "--update-counters" -> {
                if (invert) {
                    flags |= SetLookup.FLAG_SKIP_COUNTER_UPDATE;
                }
            }
            case "--update-subcounters" -> {
                if (invert) {
                    flags |= SetLookup.FLAG_SKIP_SUBCOUNTER_UPDATE;
                }
            }
            case "--packets-eq", "--packets-lt", "--packets-gt" -> {
                if (packetsOp != SetLookup.COUNTER_NONE) {
                    throw new RuleException("only one of the --packets-[eq|lt|gt] is allowed");
                }
                packetsOp = op(option, invert);
                packets = counter(args.get(0));
            }
            default -> {
                if (bytesOp != SetLookup.COUNTER_NONE) {
                    throw new RuleException("only one of the --bytes-[eq|lt|gt] is allowed");
                }
                bytesOp = op(option, invert);
                bytes = counter(args.get(0));
            }
        }
    }

    /** The comparison of {@code --packets-lt} and the like; only -eq may be inverted. */
    private static int op(String option, boolean invert) throws RuleException {
        String kind = option.substring(option.length() - 2);
        if (kind.equals("eq")) {
            return invert ? SetLookup.COUNTER_NE : SetLookup.COUNTER_EQ;
        }
        if (invert) {
            throw new RuleException(option + " option cannot be inverted");
        }
        return kind.equals("lt") ? SetLookup.COUNTER_LT : SetLookup.COUNTER_GT;
    }

    /** parse_counter: xtables_strtoul up to UINT64_MAX (base 0, no minus). */
    static long counter(String text) throws RuleException {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        String t = text.substring(i);
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X")) && Character.digit(t.charAt(2), 16) >= 0) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
        }
        if (t.isEmpty() || text.substring(i).startsWith("-") || !t.chars().allMatch(c -> c < 128
                && Character.digit(c, 16) >= 0 && Character.digit(c, 16) < 16)) {
            throw new RuleException("Cannot parse " + text + " as a counter value");
        }
        try {
            BigInteger v = new BigInteger(t, radix);
            if (v.compareTo(U64_MAX) > 0) {
                throw new RuleException("Cannot parse " + text + " as a counter value");
            }
            return v.longValue();
        } catch (NumberFormatException e) {
            throw new RuleException("Cannot parse " + text + " as a counter value");
        }
    }

    @Override
    public Match build() throws RuleException {
        if (directions == null) {
            throw new RuleException("You must specify `--match-set' with proper arguments");
        }
        SetLookup lookup = new SetLookup(directions.dimension(), directions.sourceBits(), flags,
                SetLookup.SET_TIMEOUT, packetsOp, packets, bytesOp, bytes);
        return new SetMatch(set, lookup, inverted);
    }
}
