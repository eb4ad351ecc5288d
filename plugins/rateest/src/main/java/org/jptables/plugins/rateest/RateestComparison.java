package org.jptables.plugins.rateest;

/**
 * What one {@code -m rateest} compares, as xt_rateest_match_info holds it, and how libxt_rateest
 * prints ({@code -L}) and saves ({@code -S}) it.
 *
 * @param name1    the estimator of {@code --rateest}/{@code --rateest1}
 * @param name2    the estimator of {@code --rateest2} (relative mode), null in absolute mode
 * @param delta    {@code --rateest-delta}: each estimator's rate is taken from its fixed rate
 * @param bytes    compare bytes per second
 * @param packets  compare packets per second
 * @param mode     lt, gt or eq
 * @param inverted a {@code !} stood before lt, gt or eq
 * @param bytes1   {@code --rateest-bps1}, bytes per second (0 when not given)
 * @param packets1 {@code --rateest-pps1}
 * @param bytes2   {@code --rateest-bps2}/{@code --rateest-bps}
 * @param packets2 {@code --rateest-pps2}/{@code --rateest-pps}
 */
record RateestComparison(String name1, String name2, boolean delta, boolean bytes, boolean packets,
                         RateestMatch.Mode mode, boolean inverted, long bytes1, long packets1, long bytes2,
                         long packets2) {

    boolean relative() {
        return name2 != null;
    }

    /** rateest_print. */
    void print(StringBuilder out, boolean numeric) {
        out.append(" rateest match ").append(name1);
        if (delta) {
            out.append(" delta");
        }
        if (bytes) {
            out.append(" bps");
            if (delta) {
                ByteRate.print(bytes1, numeric, out);
            }
            if (!relative()) {
                ByteRate.print(bytes2, numeric, out);
                mode("", out);
            }
        }
        if (packets) {
            out.append(" pps");
            if (delta) {
                out.append(' ').append(packets1);
            }
            if (!relative()) {
                mode("", out);
                out.append(' ').append(packets2);
            }
        }
        if (relative()) {
            mode("", out);
            out.append(' ').append(name2);
            if (bytes) {
                out.append(" bps");
                if (delta) {
                    ByteRate.print(bytes2, numeric, out);
                }
            }
            if (packets) {
                out.append(" pps");
                if (delta) {
                    out.append(' ').append(packets2);
                }
            }
        }
    }

    /** rateest_save. */
    void save(StringBuilder out) {
        if (delta) {
            out.append(" --rateest-delta");
        }
        out.append(relative() ? " --rateest1 " : " --rateest ").append(name1);
        if (bytes) {
            saveRates("bps", bytes1, bytes2, false, out);
        }
        if (packets) {
            saveRates("pps", packets1, packets2, true, out);
        }
        if (relative()) {
            out.append(" --rateest2 ").append(name2);
        }
    }

    private void saveRates(String unit, long rate1, long rate2, boolean numeric, StringBuilder out) {
        if (delta) {
            out.append(" --rateest-").append(unit).append('1');
            ByteRate.print(rate1, numeric, out);
            mode("--rateest-", out);
            out.append(" --rateest-").append(unit).append('2');
        } else {
            mode("--rateest-", out);
            out.append(" --rateest-").append(unit);
        }
        if (!relative() || delta) {
            ByteRate.print(rate2, numeric, out);
        }
    }

    private void mode(String prefix, StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        out.append(' ').append(prefix).append(mode.word());
    }
}
