package org.jptables.plugins.connlimit;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.InetAton;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/**
 * Reads the options as libxt_connlimit 1.8.9 does: {@code --connlimit-upto N} is
 * {@code ! --connlimit-above N} and the reverse; the mask is a prefix length or a dotted mask
 * (XTTYPE_PLENMASK), 32 when not given; the source address unless {@code --connlimit-daddr}.
 */
final class ConnlimitBuilder implements MatchBuilder {
    private long limit = -1;
    private boolean upto;
    private boolean uptoGiven;
    private boolean aboveGiven;
    private int mask = -1;
    private boolean saddr;
    private boolean daddr;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case "--connlimit-upto", "--connlimit-above" -> {
                long n = CNumbers.whole(args.get(0), 0, 0xFFFFFFFFL);
                if (n < 0) {
                    throw new RuleException("connlimit: bad value for option \"" + option
                            + "\", or out of range (0-4294967295).\n");
                }
                limit = n;
                boolean isUpto = option.equals("--connlimit-upto");
                upto = isUpto != inverted;
                uptoGiven |= isUpto;
                aboveGiven |= !isUpto;
            }
            case "--connlimit-mask" -> mask = prefixMask(args.get(0));
            case "--connlimit-saddr" -> saddr = true;
            case "--connlimit-daddr" -> daddr = true;
            default -> throw new IllegalArgumentException(option);
        }
    }

    /**
     * XTTYPE_PLENMASK: 0..32, or else any address getaddrinfo reads taken as a mask; one that is no
     * prefix (also "33", which reads as 0.0.0.33) gives a prefix length of -1, which leaves all 32
     * bits set.
     */
    private static int prefixMask(String text) throws RuleException {
        long prefix = CNumbers.whole(text, 0, 32);
        if (prefix < 0) {
            long dotted = InetAton.parse(text);
            if (dotted < 0) {
                throw new RuleException("connlimit: bad value for option \"--connlimit-mask\", neither a valid"
                        + " network mask nor valid CIDR (0-32).\n");
            }
            int m = (int) dotted;
            boolean contiguous = (~m & (~m + 1)) == 0;
            return contiguous ? m : -1;
        }
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    @Override
    public Match build() throws RuleException {
        // connlimit_check (x6_fcheck) first, then libxtables' exclusions in the options' order
        if (!uptoGiven && !aboveGiven) {
            throw new RuleException("You must specify \"--connlimit-above\" or \"--connlimit-upto\".");
        }
        if (uptoGiven && aboveGiven) {
            throw new RuleException(
                    "connlimit: option \"--connlimit-upto\" cannot be used together with \"--connlimit-above\".\n");
        }
        if (saddr && daddr) {
            throw new RuleException(
                    "connlimit: option \"--connlimit-saddr\" cannot be used together with \"--connlimit-daddr\".\n");
        }
        return new ConnlimitMatch((int) limit, upto, mask, daddr);
    }
}
