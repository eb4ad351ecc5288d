package org.jptables.plugins.dscptarget;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.DscpClass;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads {@code --set-dscp} (XTTYPE_UINT8 up to 63) or {@code --set-dscp-class} (a DiffServ class
 * name, checked as it comes). That the two exclude each other is checked after the whole line,
 * then that one was given, as libxtables does.
 */
final class DscpTargetBuilder implements TargetBuilder {
    private int dscp;
    private boolean valueGiven;
    private boolean classGiven;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        if (option.equals(DscpTargetExtension.SET_DSCP)) {
            long v = CNumbers.whole(arg, 0, 63);
            if (v < 0) {
                throw new RuleException("DSCP: bad value for option \"--set-dscp\", or out of range (0-63).\n");
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
    }

    @Override
    public Target build() throws RuleException {
        if (valueGiven && classGiven) {
            throw new RuleException("DSCP: option \"--set-dscp\" cannot be used together with \"--set-dscp-class\".\n");
        }
        if (!valueGiven && !classGiven) {
            throw new RuleException("DSCP target: Parameter --set-dscp is required");
        }
        return new DscpTarget(dscp);
    }
}
