package org.jptables.plugins.rpfilter;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * ipt_rpfilter's test. A packet that came in on lo passes; so does one from 0.0.0.0/8 to the
 * limited broadcast or to 224.0.0.0/24 (DHCP, IGMP); otherwise the host's FIB is asked for the
 * route to the packet's source, which must be a unicast route (or local with
 * {@code --accept-local}) whose device is the one the packet came in on ({@code --loose}: any).
 * {@code --invert} inverts the answer.
 *
 * <p>The kernel puts the packet's mark in the lookup with {@code --validmark}, and its TOS: both
 * only choose among policy-routing rules, which jptables' host model has none of, so they change
 * nothing here.
 *
 * @param flags XT_RPFILTER_LOOSE 1, VALID_MARK 2, ACCEPT_LOCAL 4, INVERT 8
 */
public record RpfilterMatch(int flags) implements Match {
    static final int LOOSE = 1;
    static final int VALID_MARK = 2;
    static final int ACCEPT_LOCAL = 4;
    static final int INVERT = 8;

    private static final int RTN_UNICAST = 1;
    private static final int RTN_LOCAL = 2;

    @Override
    public boolean matches(Packet packet) {
        boolean invert = (flags & INVERT) != 0;
        String in = packet.inInterface();
        // rpfilter_is_loopback: lo is the host's loopback device
        if ("lo".equals(in)) {
            return !invert;
        }
        int source = packet.source();
        if ((source >>> 24) == 0) {
            int destination = packet.destination();
            if (destination == 0xFFFFFFFF || (destination & 0xFFFFFF00) == 0xE0000000) {
                return !invert;
            }
        }
        return reversePathOk(packet, source, in) != invert;
    }

    /** rpfilter_lookup_reverse. */
    private boolean reversePathOk(Packet packet, int source, String in) {
        int type = packet.routeType(source);
        if (type == 0) {
            return false; // no route back: fib_lookup fails
        }
        if (type != RTN_UNICAST && (type != RTN_LOCAL || (flags & ACCEPT_LOCAL) == 0)) {
            return false;
        }
        return (flags & LOOSE) != 0 || in.equals(packet.routeDevice(source));
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" rpfilter");
        flags(out, "");
    }

    @Override
    public void save(StringBuilder out) {
        flags(out, "--");
    }

    private void flags(StringBuilder out, String prefix) {
        if ((flags & LOOSE) != 0) {
            out.append(' ').append(prefix).append("loose");
        }
        if ((flags & VALID_MARK) != 0) {
            out.append(' ').append(prefix).append("validmark");
        }
        if ((flags & ACCEPT_LOCAL) != 0) {
            out.append(' ').append(prefix).append("accept-local");
        }
        if ((flags & INVERT) != 0) {
            out.append(' ').append(prefix).append("invert");
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
