package org.jptables.plugins.dscp;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.DscpClass;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/**
 * Reads --dscp (0..63, whole word in C syntax) or --dscp-class. Values are checked as they come;
 * the two options excluding each other and one being required are checked at the end, as
 * libxtables does (so a bad class is reported before the conflict).
 */
final class DscpBuilder implements MatchBuilder {
    private int dscp;
    private boolean inverted;
    private boolean valueGiven;
    private boolean classGiven;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        if (option.equals(DscpExtension.DSCP)) {
            long v = CNumbers.whole(arg, 0, 63);
            if (v < 0) {
                throw new RuleException("dscp: bad value for option \"--dscp\", or out of range (0-63).\n");
            }
            dscp = (int) v;
            valueGiven = true;
        } else {
            int v = DscpClass.codePoint(arg);
            if (v < 0) {
                throw new RuleException("Invalid DSCP value `" + arg + "'");
            }
            dscp = v;
            classGiven = true;
        }
        this.inverted = inverted;
    }

    @Override
    public Match build() throws RuleException {
        if (valueGiven && classGiven) {
            throw new RuleException("dscp: option \"--dscp\" cannot be used together with \"--dscp-class\".\n");
        }
        if (!valueGiven && !classGiven) {
            throw new RuleException("DSCP match: Parameter --dscp is required");
        }
        return new DscpMatch(dscp, inverted);
    }
}
