package org.jptables.plugins.statistic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import org.jptables.api.RuleException;

/**
 * {@code --probability}: a C double (strtod: decimal or hex, exponent) in [0, 1], stored as the
 * kernel's 31-bit fixed-point fraction {@code lround(0x80000000 * p)} and printed back from it
 * with 11 decimals, so 0.1 prints as 0.10000000009.
 */
final class Probability {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern HEX = Pattern.compile("([+-]?)0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)([pP][+-]?\\d+)?");
    static final long ONE = 0x80000000L;

    private Probability() {
    }

    static long parse(String text) throws RuleException {
        String t = text.stripLeading();
        double p;
        if (DECIMAL.matcher(t).matches()) {
            p = Double.parseDouble(t);
        } else {
            var hex = HEX.matcher(t);
            if (!hex.matches()) {
                throw bad();
            }
            p = Double.parseDouble(hex.group(1) + "0x" + hex.group(2) + (hex.group(3) == null ? "p0" : hex.group(3)));
        }
        if (!(p >= 0 && p <= 1)) {
            throw bad();
        }
        // lround: halves away from zero (p is not negative here).
        return (long) Math.floor(ONE * p + 0.5);
    }

    private static RuleException bad() {
        return new RuleException("statistic: bad value for option \"--probability\", or out of range (0-1).\n");
    }

    /** printf("%.11f", fixed / 2^31): the exact binary value rounded to 11 decimals. */
    static String format(long fixed) {
        return new BigDecimal(fixed).divide(new BigDecimal(ONE)).setScale(11, RoundingMode.HALF_EVEN).toPlainString();
    }
}
