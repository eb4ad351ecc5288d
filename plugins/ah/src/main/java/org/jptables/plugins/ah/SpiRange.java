package org.jptables.plugins.ah;

import org.jptables.api.RuleException;
import org.jptables.api.Uint32Range;

/**
 * An SPI or range of SPIs as libxtables reads --ahspi (XTTYPE_UINT32RC: one or two numbers
 * separated by a colon, an empty end meaning 0 or 2^32-1, the ends kept as given) and as
 * libipt_ah prints it.
 */
record SpiRange(long min, long max, boolean inverted) {
    static final long ALL = Uint32Range.ALL;
    static final SpiRange ANY = new SpiRange(0, ALL, false);

    static SpiRange parse(String text, boolean inverted) throws RuleException {
        long[] ends = Uint32Range.parse(text, "ah", "--ahspi");
        return new SpiRange(ends[0], ends[1], inverted);
    }

    /** spi_match: inside the range, or outside it when inverted. */
    boolean matches(long spi) {
        return (spi >= min && spi <= max) != inverted;
    }

    /** print_spis: nothing for the whole range unless inverted. */
    void print(StringBuilder out) {
        if (min != 0 || max != ALL || inverted) {
            out.append("spi");
            if (min == max) {
                out.append(':').append(inverted ? "!" : "").append(min);
            } else {
                out.append("s:").append(inverted ? "!" : "").append(min).append(':').append(max);
            }
        }
    }

    /** The saved form: nothing for the whole range, even inverted (the "!" is lost, as in iptables). */
    void save(StringBuilder out) {
        if (!(min == 0 && max == ALL)) {
            out.append(inverted ? " !" : "").append(" --ahspi ").append(min);
            if (min != max) {
                out.append(':').append(max);
            }
        }
    }
}
