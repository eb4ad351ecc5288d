package org.jptables.plugins.tcpmss;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads {@code --set-mss} (libxtables' XTTYPE_UINT16 up to 65535 - 40) and
 * {@code --clamp-mss-to-pmtu}; the last of the two wins, as both write the one mss field. Then
 * tcpmss_tg4_check's tests, which the kernel makes when the table is loaded: the rule must be
 * {@code -p tcp} (the target's .proto) and hold a tcp match whose comparison has SYN, not inverted.
 */
final class TcpmssTargetBuilder implements TargetBuilder {
    /** checkentry's -EINVAL as iptables prints it. */
    static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";
    static final int MAX_MSS = 0xFFFF - 20;
    private static final int TCP = 6;

    private final RuleContext rule;
    private int mss = -1;

    TcpmssTargetBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        if (TcpmssTargetExtension.CLAMP.equals(option)) {
            mss = TcpmssTarget.CLAMP_PMTU;
            return;
        }
        long value = CNumbers.whole(args.get(0), 0, MAX_MSS);
        if (value < 0) {
            throw new RuleException("TCPMSS: bad value for option \"" + TcpmssTargetExtension.SET_MSS
                    + "\", or out of range (0-" + MAX_MSS + ").");
        }
        mss = (int) value;
    }

    @Override
    public Target build() throws RuleException {
        if (mss < 0) {
            throw new RuleException("TCPMSS target: At least one parameter is required");
        }
        if (rule.protocol() != TCP || rule.protocolInverted() || !hasSynMatch(rule.savedMatches())) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        return new TcpmssTarget(mss);
    }

    /**
     * find_syn_match: a tcp match whose flag comparison has SYN and whose {@code --tcp-flags} is
     * not inverted. Read from the match as {@code -S} prints it.
     */
    static boolean hasSynMatch(List<String> matches) {
        for (String m : matches) {
            String[] words = m.split(" ");
            if (words.length < 2 || !words[0].equals("-m") || !words[1].equals("tcp")) {
                continue;
            }
            for (int i = 2; i + 2 < words.length; i++) {
                if (words[i].equals("--tcp-flags") && !words[i - 1].equals("!")
                        && hasSyn(words[i + 2])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasSyn(String flags) {
        for (String f : flags.split(",")) {
            if (f.equals("SYN") || f.equals("ALL")) {
                return true;
            }
        }
        return false;
    }
}
