package org.jptables.plugins.conntrack;

import org.jptables.api.Numbers;
import org.jptables.api.RuleException;

/**
 * The {@code --ctexpire time[:time]} range in seconds (XTTYPE_UINT32RC): numbers as strtoul with
 * base 0 reads them, an empty side meaning 0 or 4294967295.
 */
record ExpiryRange(long min, long max) {
    private static final long U32 = 0xFFFFFFFFL;

    static ExpiryRange parse(String arg) throws RuleException {
        long[] values = new long[2];
        int count = 0;
        int at = 0;
        while (true) {
            if (count == 2) {
                throw new RuleException("conntrack: Too many components for option \"--ctexpire\" (max: 2)\n");
            }
            int colon = arg.indexOf(':', at);
            String part = colon < 0 ? arg.substring(at) : arg.substring(at, colon);
            long value;
            if (part.isEmpty()) {
                value = count == 1 ? U32 : 0;
            } else {
                value = Numbers.parse(part, 0, U32);
                if (value < 0) {
                    throw new RuleException("conntrack: bad value for option \"--ctexpire\" near \""
                            + arg.substring(at) + "\", or out of range (0-4294967295).\n");
                }
            }
            values[count++] = value;
            if (colon < 0) {
                break;
            }
            at = colon + 1;
        }
        return new ExpiryRange(values[0], count == 2 ? values[1] : values[0]);
    }

    void format(StringBuilder out) {
        out.append(min);
        if (max != min) {
            out.append(':').append(max);
        }
    }
}
