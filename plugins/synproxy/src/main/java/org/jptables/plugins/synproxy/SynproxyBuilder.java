package org.jptables.plugins.synproxy;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads libxt_SYNPROXY's options: the flags, and {@code --wscale} and {@code --mss} as
 * XTTYPE_UINT32, stored in the kernel structure's u8 and u16 (so {@code --mss 70000} is saved as
 * {@code --mss 4464}). Then synproxy_tg4_check's test: the rule must be {@code -p tcp}, not
 * inverted ("Invalid argument" from the kernel).
 */
final class SynproxyBuilder implements TargetBuilder {
    static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";
    private static final int TCP = 6;

    private final RuleContext rule;
    private int options;
    private int wscale;
    private int mss;

    SynproxyBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case SynproxyExtension.SACK_PERM -> options |= SynproxyOptions.SACK_PERM;
            case SynproxyExtension.TIMESTAMP -> options |= SynproxyOptions.TIMESTAMP;
            case SynproxyExtension.ECN -> options |= SynproxyOptions.ECN;
            case SynproxyExtension.WSCALE -> {
                wscale = (int) uint32(option, args.get(0)) & 0xFF;
                options |= SynproxyOptions.WSCALE;
            }
            default -> {
                mss = (int) uint32(option, args.get(0)) & 0xFFFF;
                options |= SynproxyOptions.MSS;
            }
        }
    }

    private static long uint32(String option, String text) throws RuleException {
        long value = CNumbers.whole(text, 0, 0xFFFFFFFFL);
        if (value < 0) {
            throw new RuleException("SYNPROXY: bad value for option \"" + option + "\", or out of range (0-4294967295).");
        }
        return value;
    }

    @Override
    public Target build() throws RuleException {
        if (rule.protocol() != TCP || rule.protocolInverted()) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        return new SynproxyTarget(new SynproxyInfo(options, wscale, mss), SynCookies.DEFAULT);
    }
}
