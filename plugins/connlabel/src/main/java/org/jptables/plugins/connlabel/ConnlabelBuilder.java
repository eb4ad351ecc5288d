package org.jptables.plugins.connlabel;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Names;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads the options as libxt_connlabel 1.8.9 does: a label that strtoul reads whole is a bit number
 * (kept as a C int: "4294967296" is bit 0, "-1" is no number), anything else a name of the label
 * map; the kernel refuses bits from 128 on (nf_connlabels_get: ERANGE).
 */
final class ConnlabelBuilder implements MatchBuilder {
    /** CONNLABEL_CFG of libnetfilter_conntrack. */
    static final String MAP = "/etc/xtables/connlabel.conf";

    private final RuleContext rule;
    private final Names names;
    private long bit = -1;
    private boolean inverted;
    private boolean set;

    ConnlabelBuilder(RuleContext rule) {
        this.rule = rule;
        this.names = rule.names();
    }

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        if (option.equals("--set")) {
            set = true;
            return;
        }
        String arg = args.get(0);
        if (arg.isEmpty()) {
            throw new RuleException("Argument must have a minimum length of 1 characters\n");
        }
        int value = numeric(arg);
        if (value < 0) {
            // only a name opens the map (connlabel_open), which warns when it cannot
            String error = names.connlabelMapError();
            if (error != null) {
                rule.warn("Warning: cannot open " + MAP + ": " + error);
            }
            value = names.connlabelBit(arg);
        }
        if (value < 0) {
            throw new RuleException("label '" + arg + "' not found or invalid value");
        }
        bit = value;
        inverted = invert;
    }

    /** connlabel_value_parse: strtoul in base 0 over the whole text, as a C int; -1 otherwise. */
    private static int numeric(String s) {
        CNumbers.Unsigned read = CNumbers.strtoul(s);
        if (read == null || read.end() != s.length()) {
            return -1;
        }
        return (int) read.value(); // the unsigned long as C's int: only its low 32 bits count
    }

    @Override
    public Match build() throws RuleException {
        if (bit < 0) {
            throw new RuleException("connlabel: option \"--label\" must be specified\n");
        }
        if (bit >= ConnlabelMatch.BITS) {
            throw RuleException.refusedByKernel("Numerical result out of range.");
        }
        String name = names.connlabelName((int) bit);
        return new ConnlabelMatch((int) bit, inverted, set, name == null || name.isEmpty() ? null : name);
    }
}
