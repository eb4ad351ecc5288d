package org.jptables.plugins.tcpoptstrip;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/** Reads --strip-options as libxt_TCPOPTSTRIP's parse_list; the kernel wants -p tcp. */
final class TcpoptstripBuilder implements TargetBuilder {
    private static final String[] NAMES = {"wscale", "mss", "sack-permitted", "sack", "timestamp", "md5"};
    private static final int[] KINDS = {3, 2, 4, 5, 8, 19};

    private final RuleContext rule;
    private final long[] strip = new long[4];

    TcpoptstripBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        for (String word : args.get(0).split(",", -1)) {
            int kind = 0;
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(word)) {
                    kind = KINDS[i];
                    break;
                }
            }
            if (kind == 0) {
                long n = CNumbers.whole(word, 0, 255);
                if (n < 0) {
                    throw new RuleException("Bad TCP option value \"" + word + "\"");
                }
                kind = (int) n;
            }
            if (kind < 2) {
                throw new RuleException("Option value may not be 0 or 1");
            }
            if ((strip[kind >>> 6] & 1L << (kind & 63)) != 0) {
                throw new RuleException("Option \"" + word + "\" already specified");
            }
            strip[kind >>> 6] |= 1L << (kind & 63);
        }
    }

    /** xt_TCPOPTSTRIP is registered for IPPROTO_TCP: any other (or a negated) -p is -EINVAL. */
    @Override
    public Target build() throws RuleException {
        if (rule.protocol() != 6 || rule.protocolInverted()) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new TcpoptstripTarget(strip.clone());
    }

    static String nameOf(int kind) {
        for (int i = 0; i < KINDS.length; i++) {
            if (KINDS[i] == kind) {
                return NAMES[i];
            }
        }
        return null;
    }
}
