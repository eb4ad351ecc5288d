package org.jptables.plugins.string;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_string's string_mt: skb_find_text over the packet from --from (an offset from the IPv4
 * header) to its end; an occurrence counts only when it ends by --to.
 */
record StringMatch(byte[] pattern, String algo, int from, int to, boolean icase, boolean inverted,
                   TextSearch search) implements Match {
    static final int DEFAULT_TO = 0xFFFF;

    @Override
    public boolean matches(Packet packet) {
        int end = packet.length();
        int at = from < end && from < to ? search.find(packet, from, end) : -1;
        boolean found = at >= 0 && at + pattern.length <= to - from;
        return found != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" STRING match ").append(inverted ? "!" : "");
        Patterns.print(pattern, out);
        out.append(" ALGO name ").append(algo);
        if (from != 0) {
            out.append(" FROM ").append(from);
        }
        if (to != DEFAULT_TO) {
            out.append(" TO ").append(to);
        }
        if (icase) {
            out.append(" ICASE");
        }
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(Patterns.printsAsHex(pattern) ? " --hex-string" : " --string");
        Patterns.print(pattern, out);
        out.append(" --algo ").append(algo);
        if (from != 0) {
            out.append(" --from ").append(from);
        }
        if (to != DEFAULT_TO) {
            out.append(" --to ").append(to);
        }
        if (icase) {
            out.append(" --icase");
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
