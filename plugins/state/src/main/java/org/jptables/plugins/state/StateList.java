package org.jptables.plugins.state;

import org.jptables.api.ConnState;
import org.jptables.api.RuleException;

/**
 * The state names of {@code --state}, read as libxt_conntrack's state alias reads them: each
 * comma-separated word may be any case-insensitive prefix of a name (the first name it prefixes
 * wins, in the order INVALID, NEW, ESTABLISHED, RELATED, UNTRACKED), and the error quotes the
 * rest of the list from the bad word on.
 */
final class StateList {
    private static final String[] NAMES = {"INVALID", "NEW", "ESTABLISHED", "RELATED", "UNTRACKED"};
    private static final int[] BITS = {ConnState.INVALID, ConnState.NEW, ConnState.ESTABLISHED, ConnState.RELATED,
        ConnState.UNTRACKED};
    /** The order iptables prints the states in. */
    private static final String[] PRINT_NAMES = {"INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED"};
    private static final int[] PRINT_BITS = {ConnState.INVALID, ConnState.NEW, ConnState.RELATED, ConnState.ESTABLISHED,
        ConnState.UNTRACKED};

    private StateList() {
    }

    static int parse(String arg) throws RuleException {
        int mask = 0;
        String rest = arg;
        int comma;
        while ((comma = rest.indexOf(',')) >= 0) {
            int bit = comma == 0 ? 0 : bit(rest.substring(0, comma));
            if (bit == 0) {
                throw bad(rest);
            }
            mask |= bit;
            rest = rest.substring(comma + 1);
        }
        if (rest.isEmpty()) {
            throw new RuleException(
                    "\"--state\" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED");
        }
        int bit = bit(rest);
        if (bit == 0) {
            throw bad(rest);
        }
        return mask | bit;
    }

    private static RuleException bad(String rest) {
        return new RuleException("Bad state \"" + rest + "\"");
    }

    /** The bit of the first name {@code word} is a case-insensitive prefix of, or 0. */
    private static int bit(String word) {
        for (int i = 0; i < NAMES.length; i++) {
            if (word.length() <= NAMES[i].length() && NAMES[i].regionMatches(true, 0, word, 0, word.length())) {
                return BITS[i];
            }
        }
        return 0;
    }

    static void format(int mask, StringBuilder out) {
        String sep = "";
        for (int i = 0; i < PRINT_NAMES.length; i++) {
            if ((mask & PRINT_BITS[i]) != 0) {
                out.append(sep).append(PRINT_NAMES[i]);
                sep = ",";
            }
        }
    }
}
