package org.jptables.plugins.ipcomp;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Uint32Range;

/**
 * xt_ipcomp's comp_mt: never matches a fragment; drops a packet whose 4-byte IPComp header
 * cannot be read; compares its 16-bit CPI (bytes 2-3) with the 32-bit range.
 *
 * @param min      the first SPI of the range
 * @param max      the last
 * @param inverted whether "!" was given
 * @param reserved whether --compres was given (listed and saved, never tested)
 */
record IpcompMatch(long min, long max, boolean inverted, boolean reserved) implements Match {
    private static final long ALL = Uint32Range.ALL;

    @Override
    public boolean matches(Packet packet) {
        if (packet.fragmentOffset() != 0) {
            return false;
        }
        int th = packet.transportOffset();
        if (packet.u32(th) < 0) {
            packet.hotdrop();
            return false;
        }
        int cpi = packet.u16(th + 2);
        return (cpi >= min && cpi <= max) != inverted;
    }

    /** comp_print: " comp ", then the range unless it is the whole one and not inverted. */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" comp ");
        if (min != 0 || max != ALL || inverted) {
            if (min == max) {
                out.append("spi:").append(inverted ? "!" : "").append(min);
            } else {
                out.append("spis:").append(inverted ? "!" : "").append(min).append(':').append(max);
            }
        }
        if (reserved) {
            out.append(" reserved");
        }
    }

    /** The whole range is not saved, even inverted (the "!" is lost, as in iptables). */
    @Override
    public void save(StringBuilder out) {
        if (!(min == 0 && max == ALL)) {
            out.append(inverted ? " !" : "").append(" --ipcompspi ").append(min);
            if (min != max) {
                out.append(':').append(max);
            }
        }
        if (reserved) {
            out.append(" --compres");
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
