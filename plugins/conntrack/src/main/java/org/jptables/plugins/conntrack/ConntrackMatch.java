package org.jptables.plugins.conntrack;

import org.jptables.api.Constraints;
import org.jptables.api.ConnState;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * One rule's conntrack match, evaluated in the order of the kernel's conntrack_mt (revision 3):
 * state, then (only for a packet with a connection) direction, tuple addresses, protocol and tuple
 * ports, status and the seconds left.
 */
final class ConntrackMatch implements Match {
    private static final int NO_CONNECTION = ConnState.INVALID | ConnState.UNTRACKED;

    private final int matchFlags;
    private final int invertFlags;
    private final int stateMask;
    private final int statusMask;
    private final int protocol;
    private final HostMask origSrc;
    private final HostMask origDst;
    private final HostMask replSrc;
    private final HostMask replDst;
    private final PortRange origSrcPort;
    private final PortRange origDstPort;
    private final PortRange replSrcPort;
    private final PortRange replDstPort;
    private final ExpiryRange expiry;
    // Primitive copies of the address masks for the per-packet path.
    private final int osA;
    private final int osM;
    private final int odA;
    private final int odM;
    private final int rsA;
    private final int rsM;
    private final int rdA;
    private final int rdM;

    ConntrackMatch(ConntrackSpec s) {
        matchFlags = s.matchFlags;
        invertFlags = s.invertFlags;
        stateMask = s.stateMask;
        statusMask = s.statusMask;
        protocol = s.protocol;
        origSrc = s.origSrc;
        origDst = s.origDst;
        replSrc = s.replSrc;
        replDst = s.replDst;
        origSrcPort = s.origSrcPort;
        origDstPort = s.origDstPort;
        replSrcPort = s.replSrcPort;
        replDstPort = s.replDstPort;
        expiry = s.expiry;
        osA = origSrc == null ? 0 : origSrc.address();
        osM = origSrc == null ? 0 : origSrc.mask();
        odA = origDst == null ? 0 : origDst.address();
        odM = origDst == null ? 0 : origDst.mask();
        rsA = replSrc == null ? 0 : replSrc.address();
        rsM = replSrc == null ? 0 : replSrc.mask();
        rdA = replDst == null ? 0 : replDst.address();
        rdM = replDst == null ? 0 : replDst.mask();
    }

    private boolean has(int flag) {
        return (matchFlags & flag) != 0;
    }

    private boolean inv(int flag) {
        return (invertFlags & flag) != 0;
    }

    /** It only reads the packet: never in the way of the compiled classifier. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        if (has(ConntrackSpec.STATE)) {
            constraints.connectionState(stateMask, inv(ConntrackSpec.STATE));
        }
    }

    @Override
    public boolean matches(Packet packet) {
        int state = packet.ctState();
        if (has(ConntrackSpec.STATE) && ((stateMask & state) != 0) == inv(ConntrackSpec.STATE)) {
            return false;
        }
        if (state == 0 || (state & NO_CONNECTION) != 0) {
            // No connection: only the state test could say anything (kernel: ct == NULL).
            return has(ConntrackSpec.STATE);
        }
        if (has(ConntrackSpec.DIRECTION)
                && (packet.ctDirection() == 0) == inv(ConntrackSpec.DIRECTION)) {
            return false;
        }
        if (has(ConntrackSpec.ORIGSRC)
                && (((packet.ctOriginalSource() ^ osA) & osM) == 0) == inv(ConntrackSpec.ORIGSRC)) {
            return false;
        }
        if (has(ConntrackSpec.ORIGDST)
                && (((packet.ctOriginalDestination() ^ odA) & odM) == 0) == inv(ConntrackSpec.ORIGDST)) {
            return false;
        }
        if (has(ConntrackSpec.REPLSRC)
                && (((packet.ctReplySource() ^ rsA) & rsM) == 0) == inv(ConntrackSpec.REPLSRC)) {
            return false;
        }
        if (has(ConntrackSpec.REPLDST)
                && (((packet.ctReplyDestination() ^ rdA) & rdM) == 0) == inv(ConntrackSpec.REPLDST)) {
            return false;
        }
        if (has(ConntrackSpec.PROTO) && (packet.ctProtocol() == protocol) == inv(ConntrackSpec.PROTO)) {
            return false;
        }
        if (!port(ConntrackSpec.ORIGSRC_PORT, origSrcPort, packet.ctOriginalSourcePort())
                || !port(ConntrackSpec.ORIGDST_PORT, origDstPort, packet.ctOriginalDestinationPort())
                || !port(ConntrackSpec.REPLSRC_PORT, replSrcPort, packet.ctReplySourcePort())
                || !port(ConntrackSpec.REPLDST_PORT, replDstPort, packet.ctReplyDestinationPort())) {
            return false;
        }
        // As the kernel: a NONE status (mask 0) never matches, "! --ctstatus NONE" always does.
        if (has(ConntrackSpec.STATUS) && ((statusMask & packet.ctStatus()) != 0) == inv(ConntrackSpec.STATUS)) {
            return false;
        }
        if (has(ConntrackSpec.EXPIRES)) {
            long left = packet.ctExpires();
            return (left >= expiry.min() && left <= expiry.max()) != inv(ConntrackSpec.EXPIRES);
        }
        return true;
    }

    /** port_match: the tuple's port within the range, or outside it with "!". */
    private boolean port(int flag, PortRange range, int port) {
        return !has(flag) || (port >= range.low() && port <= range.high()) != inv(flag);
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        dump(out, "", format);
    }

    @Override
    public void save(StringBuilder out) {
        dump(out, "--", null);
    }

    /** conntrack_dump: the same words for -L and -S, with "--" before each name for -S. */
    private void dump(StringBuilder out, String prefix, ListingFormat format) {
        if (has(ConntrackSpec.STATE)) {
            bang(out, ConntrackSpec.STATE).append(' ').append(prefix).append("ctstate");
            NameList.STATES.format(stateMask, out);
        }
        if (has(ConntrackSpec.PROTO)) {
            bang(out, ConntrackSpec.PROTO).append(' ').append(prefix).append("ctproto ").append(protocol);
        }
        address(out, prefix, format, ConntrackSpec.ORIGSRC, "ctorigsrc", origSrc);
        address(out, prefix, format, ConntrackSpec.ORIGDST, "ctorigdst", origDst);
        address(out, prefix, format, ConntrackSpec.REPLSRC, "ctreplsrc", replSrc);
        address(out, prefix, format, ConntrackSpec.REPLDST, "ctrepldst", replDst);
        port(out, prefix, ConntrackSpec.ORIGSRC_PORT, "ctorigsrcport", origSrcPort);
        port(out, prefix, ConntrackSpec.ORIGDST_PORT, "ctorigdstport", origDstPort);
        port(out, prefix, ConntrackSpec.REPLSRC_PORT, "ctreplsrcport", replSrcPort);
        port(out, prefix, ConntrackSpec.REPLDST_PORT, "ctrepldstport", replDstPort);
        if (has(ConntrackSpec.STATUS)) {
            bang(out, ConntrackSpec.STATUS).append(' ').append(prefix).append("ctstatus");
            NameList.STATUSES.format(statusMask, out);
        }
        if (has(ConntrackSpec.EXPIRES)) {
            bang(out, ConntrackSpec.EXPIRES).append(' ').append(prefix).append("ctexpire ");
            expiry.format(out);
        }
        if (has(ConntrackSpec.DIRECTION)) {
            out.append(' ').append(prefix).append("ctdir ")
                    .append(inv(ConntrackSpec.DIRECTION) ? "REPLY" : "ORIGINAL");
        }
    }

    private StringBuilder bang(StringBuilder out, int flag) {
        if (inv(flag)) {
            out.append(" !");
        }
        return out;
    }

    private void address(StringBuilder out, String prefix, ListingFormat format, int flag, String name,
                         HostMask value) {
        if (has(flag)) {
            bang(out, flag).append(' ').append(prefix).append(name);
            if (format == null) {
                value.save(out);
            } else {
                value.print(out, format);
            }
        }
    }

    private void port(StringBuilder out, String prefix, int flag, String name, PortRange range) {
        if (has(flag)) {
            bang(out, flag).append(' ').append(prefix).append(name).append(' ');
            range.format(out);
        }
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    /** Everything it tests lives in the connection's tracker entry. */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }
}
