package org.jptables.examples.srcquota;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Numbers;
import org.jptables.api.RuleException;

/** Reads {@code --quota} and {@code --max-sources}; the kernel has checked {@code !}, repetition and presence. */
final class SrcQuotaBuilder implements MatchBuilder {
    /** The largest quota: what {@link Numbers#parse} reads (48 bits, 256 TiB). */
    static final long MAX_QUOTA = 0xFFFFFFFFFFFFL;
    static final int DEFAULT_MAX_SOURCES = 65536;
    /** 2^20 sources: a table of 2^21 slots, 24 MiB. */
    static final int MAX_MAX_SOURCES = 1 << 20;

    private long quota;
    private boolean inverted;
    private int maxSources = DEFAULT_MAX_SOURCES;

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        String arg = args.get(0);
        if (option.equals(SrcQuotaExtension.QUOTA)) {
            quota = number(option, arg, 1, MAX_QUOTA);
            inverted = invert;
        } else {
            maxSources = (int) number(option, arg, 1, MAX_MAX_SOURCES);
        }
    }

    private static long number(String option, String arg, long min, long max) throws RuleException {
        long n = Numbers.parse(arg, min, max);
        if (n < 0) {
            throw new RuleException(SrcQuotaExtension.NAME + ": bad value for option \"" + option
                    + "\", or out of range (" + min + "-" + max + ").");
        }
        return n;
    }

    @Override
    public Match build() {
        return new SrcQuotaMatch(quota, inverted, maxSources);
    }
}
