package org.jptables.plugins.connlabel;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_connlabel's connlabel_mt: a packet without a connection, or whose connection has no labels
 * (made while no rule used them), gives the inversion; a set bit gives the opposite; a clear one,
 * with {@code --set}, is set and then counts as set (the rules after see it on every packet of
 * the connection).
 *
 * @param bit      the label, 0-127
 * @param inverted {@code ! --label}
 * @param set      {@code --set}
 * @param name     the label's name in the label map when the rule was made, or null
 */
record ConnlabelMatch(int bit, boolean inverted, boolean set, String name) implements Match {
    /** Labels a connection has (XT_CONNLABEL_MAXBIT + 1). */
    static final int BITS = 128;

    @Override
    public boolean matches(Packet p) {
        int has = p.ctLabel(bit);
        if (has < 0) {
            return inverted;
        }
        if (has == 1) {
            return !inverted;
        }
        if (set) {
            p.setCtLabel(bit);
            return !inverted;
        }
        return inverted;
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    @Override
    public boolean needsConntrackLabels() {
        return true;
    }

    /** The labels are the connection's own. */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" connlabel");
        if (inverted) {
            out.append(" !");
        }
        String current = format.names() == null ? name : format.names().connlabelName(bit);
        if (format.numeric() || current == null || current.isEmpty()) {
            out.append(' ').append(bit);
        } else {
            out.append(" '").append(current).append('\'');
        }
        if (set) {
            out.append(" set");
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        out.append(" --label \"").append(name != null ? name : Integer.toString(bit)).append('"');
        if (set) {
            out.append(" --set");
        }
    }
}
