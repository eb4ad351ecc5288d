package org.jptables.plugins.ipheader;

import org.jptables.api.CNumbers;
import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * The argument of {@code -p} as iptables 1.8.9 reads it: lower-cased first, then a number
 * 0-255, "all", a name (or alias) of /etc/protocols, or one of libxtables' own names for
 * hosts whose /etc/protocols lacks them.
 */
final class Protocols {
    /** libxtables' xtables_chain_protos. */
    private static final String[] BUILTIN_NAMES = {"tcp", "sctp", "udp", "udplite", "icmp", "ipv6-icmp", "icmpv6", "esp",
        "ah", "mh", "all"};
    private static final int[] BUILTIN_NUMBERS = {6, 132, 17, 136, 1, 58, 58, 50, 51, 135, 0};

    private Protocols() {
    }

    static int parse(String arg, Names names) throws RuleException {
        String text = lowerAscii(arg);
        long number = CNumbers.whole(text, 0, 255);
        if (number >= 0) {
            return (int) number;
        }
        // "all" first, so that no name service is asked about it
        if (text.equals("all")) {
            return 0;
        }
        int known = names == null ? -1 : names.protocolNumber(text);
        if (known >= 0) {
            return known;
        }
        for (int i = 0; i < BUILTIN_NAMES.length; i++) {
            if (BUILTIN_NAMES[i].equals(text)) {
                return BUILTIN_NUMBERS[i];
            }
        }
        throw new RuleException("unknown protocol \"" + text + "\" specified");
    }

    /** C's tolower in the "C" locale: only A-Z change. */
    private static String lowerAscii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }
}
