package org.jptables.plugins.nflog;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * libxt_NFLOG's options: group and threshold 0-65535, range and size 0-2^32-1 (and exclusive),
 * the prefix at least one character, no newline, cut to the kernel's 63 characters.
 */
final class NflogBuilder implements TargetBuilder {
    /** struct xt_nflog_info's prefix is char[64]: 63 characters and the NUL. */
    private static final int PREFIX_MAX = 63;

    private final RuleContext rule;
    private int group;
    private String prefix = "";
    private long length;
    private boolean size;
    private boolean range;
    private int threshold;

    NflogBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        switch (option) {
            case "--nflog-group" -> group = (int) number(option, arg, 65535);
            case "--nflog-prefix" -> {
                if (arg.isEmpty()) {
                    throw new RuleException("Argument must have a minimum length of 1 characters\n");
                }
                if (arg.indexOf('\n') >= 0) {
                    throw new RuleException("Newlines not allowed in --log-prefix");
                }
                prefix = arg.length() > PREFIX_MAX ? arg.substring(0, PREFIX_MAX) : arg;
            }
            case "--nflog-range" -> {
                length = number(option, arg, 0xFFFFFFFFL);
                range = true;
                rule.warn("warn: --nflog-range has never worked and is no longer supported, please use --nflog-size instead");
            }
            case "--nflog-size" -> {
                length = number(option, arg, 0xFFFFFFFFL);
                size = true;
            }
            default -> threshold = (int) number(option, arg, 65535);
        }
    }

    private static long number(String option, String arg, long max) throws RuleException {
        long v = CNumbers.whole(arg, 0, max);
        if (v < 0) {
            throw new RuleException("NFLOG: bad value for option \"" + option + "\", or out of range (0-" + max + ").");
        }
        return v;
    }

    @Override
    public Target build() throws RuleException {
        if (range && size) {
            throw new RuleException("NFLOG: option \"--nflog-range\" cannot be used together with \"--nflog-size\".\n");
        }
        return new NflogTarget(group, prefix, length, size, threshold);
    }
}
