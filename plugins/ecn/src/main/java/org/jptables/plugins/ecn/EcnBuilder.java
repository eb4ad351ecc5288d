package org.jptables.plugins.ecn;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** Reads one rule's ecn options as libxt_ecn, then ecn_mt_check4's refusal of TCP bits without -p tcp. */
final class EcnBuilder implements MatchBuilder {
    private final RuleContext rule;
    private boolean ece;
    private boolean eceInverted;
    private boolean cwr;
    private boolean cwrInverted;
    private int ect = -1;
    private boolean ectInverted;

    EcnBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case EcnExtension.CWR -> {
                cwr = true;
                cwrInverted = inverted;
            }
            case EcnExtension.ECE -> {
                ece = true;
                eceInverted = inverted;
            }
            default -> {
                long n = CNumbers.whole(args.get(0), 0, 3);
                if (n < 0) {
                    throw new RuleException("ecn: bad value for option \"--ecn-ip-ect\", or out of range (0-3).\n");
                }
                ect = (int) n;
                ectInverted = inverted;
            }
        }
    }

    @Override
    public Match build() throws RuleException {
        if (!ece && !cwr && ect < 0) {
            throw new RuleException("ECN match: some option required");
        }
        if ((ece || cwr) && (rule.protocol() != 6 || rule.protocolInverted())) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new EcnMatch(ece, eceInverted, cwr, cwrInverted, ect, ectInverted);
    }
}
