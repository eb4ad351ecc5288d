package org.jptables.plugins.icmp;

import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;

/**
 * The value of {@code --icmp-type} as libxtables reads it (the parser it shares with ebtables):
 * a name or a unique prefix of one, any case; otherwise {@code type[:type][/code[:code]]} in
 * numbers of base 0, where a type range is read but refused.
 *
 * @param type    the type, 0xFF for any
 * @param codeMin the first code
 * @param codeMax the last code (may be below codeMin: such a rule matches nothing)
 */
record IcmpType(int type, int codeMin, int codeMax) {

    static IcmpType parse(String text) throws RuleException {
        IcmpTypes.Entry found = null;
        for (IcmpTypes.Entry e : IcmpTypes.ALL) {
            if (e.name().regionMatches(true, 0, text, 0, text.length()) && text.length() <= e.name().length()) {
                if (found != null) {
                    throw new RuleException("Ambiguous ICMP type `" + text + "': `" + found.name() + "' or `"
                            + e.name() + "'?");
                }
                found = e;
            }
        }
        if (found != null) {
            return new IcmpType(found.type(), found.codeMin(), found.codeMax());
        }
        int[] types = new int[2];
        int next = range(text, 0, types);
        if (next < 0) {
            throw new RuleException("Unknown ICMP type `" + text + "'");
        }
        int[] codes = {0, 0xFF};
        if (next < text.length()) {
            if (text.charAt(next) != '/') {
                throw new RuleException("unknown character " + text.charAt(next));
            }
            next = range(text, next + 1, codes);
            if (next < 0) {
                throw new RuleException("Unknown ICMP code `" + text + "'");
            }
            if (next < text.length()) {
                throw new RuleException("unknown character " + text.charAt(next));
            }
        }
        if (types[0] != types[1]) {
            throw new RuleException("ICMP type range not supported");
        }
        return new IcmpType(types[0], codes[0], codes[1]);
    }

    /** {@code n} or {@code n:m} from {@code at}, each 0..255; the index after it, or -1. */
    private static int range(String text, int at, int[] out) {
        CNumbers.Read first = CNumbers.read(text.substring(at), 0, 255);
        if (first == null) {
            return -1;
        }
        int next = at + first.end();
        out[0] = (int) first.value();
        out[1] = out[0];
        if (next < text.length() && text.charAt(next) == ':') {
            CNumbers.Read second = CNumbers.read(text.substring(next + 1), 0, 255);
            if (second == null) {
                return -1;
            }
            out[1] = (int) second.value();
            next = next + 1 + second.end();
        }
        return next;
    }

    /** icmp_type_code_match: any type, or this type with a code in the range. */
    boolean matches(int packetType, int packetCode) {
        return type == IcmpTypes.ANY || (packetType == type && packetCode >= codeMin && packetCode <= codeMax);
    }
}
