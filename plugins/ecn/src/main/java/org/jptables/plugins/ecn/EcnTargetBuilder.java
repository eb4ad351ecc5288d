package org.jptables.plugins.ecn;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/** Reads one rule's ECN options as libipt_ECN (ECN_parse, ECN_check, the exclusions), then checkentry's refusals. */
final class EcnTargetBuilder implements TargetBuilder {
    private final RuleContext rule;
    private boolean remove;
    private int ece = -1;
    private int cwr = -1;
    private int ect = -1;

    EcnTargetBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case EcnTargetExtension.REMOVE -> remove = true;
            case EcnTargetExtension.CWR -> cwr = bit(option, args.get(0), 1);
            case EcnTargetExtension.ECE -> ece = bit(option, args.get(0), 1);
            default -> ect = bit(option, args.get(0), 3);
        }
    }

    private static int bit(String option, String text, int max) throws RuleException {
        long n = CNumbers.whole(text, 0, max);
        if (n < 0) {
            throw new RuleException("ECN: bad value for option \"" + option + "\", or out of range (0-" + max + ").\n");
        }
        return (int) n;
    }

    @Override
    public Target build() throws RuleException {
        if (!remove && ece < 0 && cwr < 0 && ect < 0) {
            throw new RuleException("ECN target: An operation is required");
        }
        if (remove && (cwr >= 0 || ece >= 0)) {
            String other = cwr >= 0 ? "--ecn-tcp-cwr" : "--ecn-tcp-ece";
            throw new RuleException("ECN: option \"--ecn-tcp-remove\" cannot be used together with \"" + other
                    + "\".\n");
        }
        // --ecn-tcp-remove is setting both flags to 0
        int setEce = remove ? 0 : ece;
        int setCwr = remove ? 0 : cwr;
        if ((setEce >= 0 || setCwr >= 0) && (rule.protocol() != 6 || rule.protocolInverted())) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new EcnTarget(setEce, setCwr, ect);
    }
}
