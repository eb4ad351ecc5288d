package org.jptables.plugins.connbytes;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_connbytes' connbytes_mt: the connection's count in the chosen direction and mode compared
 * with [from, to] (unsigned); from &gt; to, as {@code !} leaves them, means outside [to, from]. A
 * packet without a connection, or whose connection has no counters (made before accounting was
 * on), does not match, inverted or not.
 *
 * @param from      the lower end (the upper one when inverted), unsigned
 * @param to        the upper end (the lower one when inverted), unsigned; 2^64-1 when not given
 * @param mode      {@link #PACKETS}, {@link #BYTES} or {@link #AVGPKT} (XT_CONNBYTES_*)
 * @param direction {@link #ORIGINAL}, {@link #REPLY} or {@link #BOTH} (XT_CONNBYTES_DIR_*)
 */
record ConnbytesMatch(long from, long to, int mode, int direction) implements Match {
    static final int PACKETS = 0;
    static final int BYTES = 1;
    static final int AVGPKT = 2;
    static final int ORIGINAL = 0;
    static final int REPLY = 1;
    static final int BOTH = 2;

    @Override
    public boolean matches(Packet p) {
        long packets;
        long bytes;
        if (direction == BOTH) {
            long original = p.ctPackets(0);
            if (original < 0) {
                return false;
            }
            packets = original + p.ctPackets(1);
            bytes = p.ctBytes(0) + p.ctBytes(1);
        } else {
            packets = p.ctPackets(direction);
            if (packets < 0) {
                return false;
            }
            bytes = p.ctBytes(direction);
        }
        long what = switch (mode) {
            case PACKETS -> packets;
            case BYTES -> bytes;
            default -> packets == 0 ? 0 : Long.divideUnsigned(bytes, packets);
        };
        if (Long.compareUnsigned(to, from) >= 0) {
            return Long.compareUnsigned(what, to) <= 0 && Long.compareUnsigned(what, from) >= 0;
        }
        return Long.compareUnsigned(what, to) < 0 || Long.compareUnsigned(what, from) > 0;
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    @Override
    public boolean needsConntrackAccounting() {
        return true;
    }

    /** The counters are the connection's own. */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        appendRange(out, "");
        out.append(" connbytes mode ").append(modeName());
        out.append(" connbytes direction ").append(directionName());
    }

    @Override
    public void save(StringBuilder out) {
        appendRange(out, "--");
        out.append(" --connbytes-mode ").append(modeName());
        out.append(" --connbytes-dir ").append(directionName());
    }

    /** libxt_connbytes' print_from_to: "!" for a swapped range, the upper end only when it says something. */
    private void appendRange(StringBuilder out, String prefix) {
        long low = from;
        long high = to;
        if (Long.compareUnsigned(from, to) > 0) {
            out.append(" !");
            low = to;
            high = from;
        }
        out.append(' ').append(prefix).append("connbytes ").append(Long.toUnsignedString(low));
        if (high != 0 && high != Uint64Range.MAX) {
            out.append(':').append(Long.toUnsignedString(high));
        }
    }

    private String modeName() {
        return switch (mode) {
            case PACKETS -> "packets";
            case BYTES -> "bytes";
            default -> "avgpkt";
        };
    }

    private String directionName() {
        return switch (direction) {
            case ORIGINAL -> "original";
            case REPLY -> "reply";
            default -> "both";
        };
    }
}
