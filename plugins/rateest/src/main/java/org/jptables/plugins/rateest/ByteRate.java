package org.jptables.plugins.rateest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jptables.api.RuleException;

/**
 * The rates of {@code --rateest-bps1/--rateest-bps2} as libxt_rateest reads and prints them: a C
 * double with an iproute unit (bits or bytes, decimal or binary multiples, any case; none means
 * bytes), stored as whole bytes per second in 32 bits; printed back in bits as {@code bit},
 * {@code Kbit} or {@code Mbit}, or as the raw byte rate where the listing is numeric.
 */
final class ByteRate {
    private static final String[] UNITS = {"bit", "Kibit", "kbit", "Mibit", "mbit", "Gibit", "gbit", "Tibit",
        "tbit", "Bps", "KiBps", "KBps", "MiBps", "MBps", "GiBps", "GBps", "TiBps", "TBps"};
    private static final double[] SCALES = {1., 1024., 1000., 1024. * 1024., 1000000., 1024. * 1024. * 1024.,
        1000000000., 1024. * 1024. * 1024. * 1024., 1000000000000., 8., 8. * 1024., 8000., 8. * 1024 * 1024,
        8000000., 8. * 1024. * 1024. * 1024., 8000000000., 8. * 1024. * 1024. * 1024. * 1024., 8000000000000.};

    private ByteRate() {
    }

    /** Bytes per second, 0..2^32-1, or libxt_rateest's refusal. */
    static long parse(String text) throws RuleException {
        CDouble.Read read = CDouble.read(text);
        if (read.end() == 0) {
            throw bad(text);
        }
        String unit = text.substring(read.end());
        if (unit.isEmpty()) {
            return CDouble.toUnsignedInt(read.value() / 8.);
        }
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equalsIgnoreCase(unit)) {
                return CDouble.toUnsignedInt(read.value() * SCALES[i] / 8.);
            }
        }
        throw bad(text);
    }

    /** rateest_print_rate: a leading space, then the rate. */
    static void print(long bytesPerSecond, boolean numeric, StringBuilder out) {
        if (numeric) {
            out.append(' ').append(bytesPerSecond);
            return;
        }
        double bits = (double) bytesPerSecond * 8;
        if (bits >= 1000.0 * 1000000.0) {
            out.append(' ').append(wholeNumber(bits / 1000000.0)).append("Mbit");
        } else if (bits >= 1000.0 * 1000.0) {
            out.append(' ').append(wholeNumber(bits / 1000.0)).append("Kbit");
        } else {
            out.append(' ').append(wholeNumber(bits)).append("bit");
        }
    }

    /** printf's %.0f: the double's exact value rounded half to even. */
    private static String wholeNumber(double value) {
        return new BigDecimal(value).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static RuleException bad(String text) {
        return new RuleException("rateest: could not parse rate `" + text + "'");
    }
}
