package ${package};

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Numbers;
import org.jptables.api.RuleException;

/** Parses one rule's options once, when the rule is loaded. */
final class PayloadMatchBuilder implements MatchBuilder {
    private int minimum = -1;
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        long n = Numbers.parse(args.get(0), 0, 65535);
        if (n < 0) {
            // one line, in iptables' words; the kernel adds the program prefix and exit status 2
            throw new RuleException(PayloadMatchExtension.NAME + ": bad value for option \"" + option
                    + "\", or out of range (0-65535).");
        }
        minimum = (int) n;
        inverted = invert;
    }

    @Override
    public Match build() throws RuleException {
        if (minimum < 0) {
            // build() runs before the kernel's check of mandatory options, as in iptables: the same words
            throw new RuleException(PayloadMatchExtension.NAME + ": option \"" + PayloadMatchExtension.MIN_PAYLOAD
                    + "\" must be specified\n");
        }
        return new PayloadMatch(minimum, inverted);
    }
}
