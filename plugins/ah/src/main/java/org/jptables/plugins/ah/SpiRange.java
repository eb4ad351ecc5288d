package org.jptables.plugins.ah;

import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;

/**
 * An SPI or range of SPIs as libxtables reads --ahspi (XTTYPE_UINT32RC: one or two numbers
 * separated by a colon, an empty end meaning 0 or 2^32-1, the ends kept as given) and as
 * libipt_ah prints it.
 */
record SpiRange(long min, long max, boolean inverted) {
    static final long ALL = 0xFFFFFFFFL;
    static final SpiRange ANY = new SpiRange(0, ALL, false);

    static SpiRange parse(String text, boolean inverted) throws RuleException {
        long[] values = new long[2];
        int count = 0;
        int at = 0;
        while (true) {
            if (count == 2) {
                throw new RuleException("ah: Too many components for option \"--ahspi\" (max: 2)\n");
            }
            int end;
            long value;
            if (at == text.length() || text.charAt(at) == ':') {
                end = at;
                value = count == 1 ? ALL : 0;
            } else {
                String rest = text.substring(at);
                CNumbers.Read read = CNumbers.read(rest, 0, ALL);
                if (read == null) {
                    throw new RuleException("ah: bad value for option \"--ahspi\" near \"" + rest
                            + "\", or out of range (0-4294967295).\n");
                }
                end = at + read.end();
                if (end < text.length() && text.charAt(end) != ':') {
                    throw new RuleException("ah: Argument to \"--ahspi\" has unexpected characters near \""
                            + text.substring(end) + "\".\n");
                }
                value = read.value();
            }
            values[count++] = value;
            if (end == text.length()) {
                break;
            }
            at = end + 1;
        }
        return new SpiRange(values[0], count == 1 ? values[0] : values[1], inverted);
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
