package org.jptables.plugins.conntrack;

import org.jptables.api.Names;
import org.jptables.api.Numbers;
import org.jptables.api.RuleException;

/** Protocol arguments as xtables_parse_protocol reads them: a number 0-255, "all", or a name. */
final class Protocols {
    private static final String[] KNOWN = {"tcp", "udp", "udplite", "icmp", "esp", "ah", "sctp", "icmpv6", "mh"};
    private static final int[] NUMBERS = {6, 17, 136, 1, 50, 51, 132, 58, 135};

    private Protocols() {
    }

    static int parse(String text, Names names) throws RuleException {
        long n = Numbers.parse(text, 0, 255);
        if (n >= 0) {
            return (int) n;
        }
        if (text.equals("all")) {
            return 0;
        }
        int p = names == null ? -1 : names.protocolNumber(text);
        if (p < 0) {
            for (int i = 0; i < KNOWN.length; i++) {
                if (KNOWN[i].equals(text)) {
                    p = NUMBERS[i];
                }
            }
        }
        if (p < 0) {
            throw new RuleException("unknown protocol \"" + text + "\" specified");
        }
        return p;
    }
}
