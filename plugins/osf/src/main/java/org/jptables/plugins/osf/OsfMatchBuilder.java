package org.jptables.plugins.osf;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Numbers;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Parses libxt_osf's options as iptables 1.8.9 does: {@code --genre} a string kept in 32 bytes
 * (longer names are cut to 31 characters, an empty one is accepted), {@code --ttl} and
 * {@code --log} numbers 0-2 in libxtables' forms (decimal, 0x hex, octal).
 */
final class OsfMatchBuilder implements MatchBuilder {
    /** MAXGENRELEN: xt_osf_info keeps the genre in 32 bytes, its NUL included. */
    static final int GENRE_MAX = 31;
    private static final int TCP = 6;
    private static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";

    private final RuleContext rule;
    private String genre;
    private boolean inverted;
    private int ttlMode = OsfMatch.UNSET;
    private int logLevel = OsfMatch.UNSET;

    OsfMatchBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String value = args.get(0);
        switch (option) {
            case "--genre" -> {
                genre = value.length() > GENRE_MAX ? value.substring(0, GENRE_MAX) : value;
                this.inverted = inverted;
            }
            case "--ttl" -> ttlMode = level(option, value);
            case "--log" -> logLevel = level(option, value);
            default -> throw new IllegalStateException(option);
        }
    }

    private static int level(String option, String value) throws RuleException {
        long n = Numbers.parse(value, 0, 2);
        if (n < 0) {
            throw new RuleException("osf: bad value for option \"" + option + "\", or out of range (0-2).\n");
        }
        return (int) n;
    }

    @Override
    public Match build() throws RuleException {
        if (genre == null) {
            throw new RuleException("osf: option \"--genre\" must be specified\n");
        }
        // xt_osf's .proto: the kernel refuses the rule unless it says -p tcp
        if (rule.protocol() != TCP || rule.protocolInverted()) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        return new OsfMatch(genre, inverted, ttlMode, logLevel);
    }
}
