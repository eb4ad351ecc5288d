package org.jptables.plugins.iprange;

import org.jptables.api.Addresses;
import org.jptables.api.Numbers;
import org.jptables.api.RuleException;

/**
 * An {@code ip[-ip]} range as libxt_iprange reads it: numeric addresses only, each read as
 * libxtables' numeric parser does (up to four dotted bytes, missing trailing bytes are zero, so
 * "10.1" is 10.1.0.0; each byte decimal, octal or hex). A single address is the range a-a; a
 * reversed range is kept as given (and matches nothing, as in the kernel).
 *
 * @param first the low end, compared unsigned
 * @param last  the high end, compared unsigned
 */
record AddressRange(int first, int last) {

    static AddressRange parse(String option, String arg) throws RuleException {
        int dash = arg.indexOf('-');
        String a = dash < 0 ? arg : arg.substring(0, dash);
        int first = address(option, a);
        if (dash < 0) {
            return new AddressRange(first, first);
        }
        return new AddressRange(first, address(option, arg.substring(dash + 1)));
    }

    private static int address(String option, String text) throws RuleException {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            throw bad(option, text);
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            long b = 0;
            if (i < parts.length) {
                b = Numbers.parse(parts[i], 0, 255);
                if (b < 0) {
                    throw bad(option, text);
                }
            }
            v = (v << 8) | (int) b;
        }
        return v;
    }

    private static RuleException bad(String option, String text) {
        return new RuleException("iprange: Bad value for \"" + option + "\" option: \"" + text + "\"");
    }

    boolean contains(int address) {
        return Integer.compareUnsigned(address, first) >= 0 && Integer.compareUnsigned(address, last) <= 0;
    }

    @Override
    public String toString() {
        return Addresses.format(first) + "-" + Addresses.format(last);
    }
}
