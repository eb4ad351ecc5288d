package org.jptables.plugins.addrtype;

import org.jptables.api.RuleException;

/**
 * The kernel's route types (RTN_UNSPEC = 0 ... RTN_XRESOLVE = 11) as addrtype names them. A list
 * is a bit mask with bit {@code 1 << type}. Each word may be any case-insensitive prefix of a
 * name; the first name in the table it prefixes wins ("U" is UNSPEC).
 */
final class AddressTypes {
    static final String[] NAMES = {"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST", "BLACKHOLE",
        "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE"};

    private AddressTypes() {
    }

    static int parse(String arg) throws RuleException {
        int mask = 0;
        String rest = arg;
        int comma;
        while ((comma = rest.indexOf(',')) >= 0) {
            int type = comma == 0 ? -1 : type(rest.substring(0, comma));
            if (type < 0) {
                throw new RuleException("addrtype: bad type `" + rest + "'");
            }
            mask |= 1 << type;
            rest = rest.substring(comma + 1);
        }
        int type = rest.isEmpty() ? -1 : type(rest);
        if (type < 0) {
            throw new RuleException("addrtype: bad type \"" + rest + "\"");
        }
        return mask | (1 << type);
    }

    private static int type(String word) {
        for (int i = 0; i < NAMES.length; i++) {
            if (word.length() <= NAMES[i].length() && NAMES[i].regionMatches(true, 0, word, 0, word.length())) {
                return i;
            }
        }
        return -1;
    }

    static void format(int mask, StringBuilder out) {
        String sep = "";
        for (int i = 0; i < NAMES.length; i++) {
            if ((mask & (1 << i)) != 0) {
                out.append(sep).append(NAMES[i]);
                sep = ",";
            }
        }
    }
}
