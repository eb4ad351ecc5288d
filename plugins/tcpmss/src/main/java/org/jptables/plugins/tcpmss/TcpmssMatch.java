package org.jptables.plugins.tcpmss;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * tcpmss_mt: the first MSS option of the TCP header, compared with the range. A packet without
 * one matches only the inverted rule; a truncated header or options, or a data offset under 5,
 * is hotdropped. As the kernel, it reads the TCP header at the transport offset whatever the
 * fragment offset.
 */
public final class TcpmssMatch implements Match {
    private static final int TCPOPT_MSS = 2;
    private static final int TCPOLEN_MSS = 4;

    private final int min;
    private final int max;
    private final boolean inverted;

    TcpmssMatch(int min, int max, boolean inverted) {
        this.min = min;
        this.max = max;
        this.inverted = inverted;
    }

    @Override
    public boolean matches(Packet p) {
        int th = p.transportOffset();
        if (th + 20 > p.length()) {
            p.hotdrop();
            return false;
        }
        int headerLength = (p.u8(th + 12) >>> 4) * 4;
        if (headerLength < 20) {
            p.hotdrop();
            return false;
        }
        int optionsLength = headerLength - 20;
        if (optionsLength == 0) {
            return inverted;
        }
        int options = th + 20;
        if (options + optionsLength > p.length()) {
            p.hotdrop();
            return false;
        }
        for (int i = 0; i < optionsLength; ) {
            int kind = p.u8(options + i);
            if (kind == TCPOPT_MSS && optionsLength - i >= TCPOLEN_MSS && p.u8(options + i + 1) == TCPOLEN_MSS) {
                int mss = p.u16(options + i + 2);
                return (mss >= min && mss <= max) != inverted;
            }
            if (kind < 2) {
                i++;
            } else {
                int length = i + 1 < optionsLength ? p.u8(options + i + 1) : 0;
                i += length == 0 ? 1 : length;
            }
        }
        return inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" tcpmss match ").append(inverted ? "!" : "");
        range(out);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(" --mss ");
        range(out);
    }

    private void range(StringBuilder out) {
        out.append(min);
        if (min != max) {
            out.append(':').append(max);
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
