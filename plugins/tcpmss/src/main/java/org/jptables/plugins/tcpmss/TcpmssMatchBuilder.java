package org.jptables.plugins.tcpmss;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads {@code --mss} (XTTYPE_UINT16RC, then libxt_tcpmss' own "invalid range given" for a first
 * value above the second). The kernel module is for TCP only (.proto): without {@code -p tcp} the
 * table load fails with EINVAL.
 */
final class TcpmssMatchBuilder implements MatchBuilder {
    private static final int TCP = 6;

    private final RuleContext rule;
    private int min;
    private int max;
    private boolean inverted;

    TcpmssMatchBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        int[] range = CNumbers.range("tcpmss", TcpmssMatchExtension.MSS, args.get(0), 0xFFFF);
        if (range[0] > range[1]) {
            throw new RuleException("tcpmss: invalid range given");
        }
        this.min = range[0];
        this.max = range[1];
        this.inverted = inverted;
    }

    @Override
    public Match build() throws RuleException {
        if (rule.protocol() != TCP || rule.protocolInverted()) {
            throw RuleException.refusedByKernel(TcpmssTargetBuilder.KERNEL_REFUSAL);
        }
        return new TcpmssMatch(min, max, inverted);
    }
}
