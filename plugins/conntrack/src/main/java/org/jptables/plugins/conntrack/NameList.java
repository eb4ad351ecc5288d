package org.jptables.plugins.conntrack;

import org.jptables.api.ConnState;
import org.jptables.api.RuleException;

/**
 * The comma lists of {@code --ctstate} and {@code --ctstatus}, read as libxt_conntrack does: each
 * word may be any case-insensitive prefix of a name (the first name in the table it prefixes wins),
 * and an error quotes the rest of the list from the bad word on.
 */
final class NameList {
    static final NameList STATES = new NameList("ctstate",
            new String[] {"INVALID", "NEW", "ESTABLISHED", "RELATED", "UNTRACKED", "SNAT", "DNAT"},
            new int[] {ConnState.INVALID, ConnState.NEW, ConnState.ESTABLISHED, ConnState.RELATED, ConnState.UNTRACKED,
                ConnState.SNAT, ConnState.DNAT},
            new String[] {"INVALID", "NEW", "RELATED", "ESTABLISHED", "UNTRACKED", "SNAT", "DNAT"},
            new int[] {ConnState.INVALID, ConnState.NEW, ConnState.RELATED, ConnState.ESTABLISHED, ConnState.UNTRACKED,
                ConnState.SNAT, ConnState.DNAT});
    static final NameList STATUSES = new NameList("ctstatus",
            new String[] {"NONE", "EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED"},
            new int[] {0, ConnState.STATUS_EXPECTED, ConnState.STATUS_SEEN_REPLY, ConnState.STATUS_ASSURED,
                ConnState.STATUS_CONFIRMED},
            new String[] {"EXPECTED", "SEEN_REPLY", "ASSURED", "CONFIRMED"},
            new int[] {ConnState.STATUS_EXPECTED, ConnState.STATUS_SEEN_REPLY, ConnState.STATUS_ASSURED,
                ConnState.STATUS_CONFIRMED});

    private final String what;
    private final String[] names;
    private final int[] bits;
    private final String[] printNames;
    private final int[] printBits;

    private NameList(String what, String[] names, int[] bits, String[] printNames, int[] printBits) {
        this.what = what;
        this.names = names;
        this.bits = bits;
        this.printNames = printNames;
        this.printBits = printBits;
    }

    int parse(String arg) throws RuleException {
        int mask = 0;
        String rest = arg;
        int comma;
        while ((comma = rest.indexOf(',')) >= 0) {
            int index = comma == 0 ? -1 : index(rest.substring(0, comma));
            if (index < 0) {
                throw bad(rest);
            }
            mask |= bits[index];
            rest = rest.substring(comma + 1);
        }
        int index = rest.isEmpty() ? -1 : index(rest);
        if (index < 0) {
            throw bad(rest);
        }
        return mask | bits[index];
    }

    private RuleException bad(String rest) {
        return new RuleException("Bad " + what + " \"" + rest + "\"");
    }

    private int index(String word) {
        for (int i = 0; i < names.length; i++) {
            if (word.length() <= names[i].length() && names[i].regionMatches(true, 0, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }

    /** The names of {@code mask} as iptables prints them; the status list says NONE for 0. */
    void format(int mask, StringBuilder out) {
        String sep = " ";
        for (int i = 0; i < printNames.length; i++) {
            if ((mask & printBits[i]) != 0) {
                out.append(sep).append(printNames[i]);
                sep = ",";
            }
        }
        if (mask == 0 && this == STATUSES) {
            out.append(sep).append("NONE");
        }
    }
}
