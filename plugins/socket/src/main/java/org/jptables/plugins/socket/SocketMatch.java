package org.jptables.plugins.socket;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.Sockets;
import org.jptables.api.StateScope;

/**
 * xt_socket's socket_match: the packet's socket is ignored when it listens on 0.0.0.0 (unless
 * {@code --nowildcard}; a TIME_WAIT remnant is never such a listener) or, with
 * {@code --transparent}, when it is not transparent; {@code --restore-skmark} copies the mark of
 * a full socket that is not ignored to the packet.
 *
 * @param flags XT_SOCKET_TRANSPARENT 1, XT_SOCKET_NOWILDCARD 2, XT_SOCKET_RESTORESKMARK 4
 */
public record SocketMatch(int flags) implements Match {
    static final int TRANSPARENT = 1;
    static final int NOWILDCARD = 2;
    static final int RESTORE_SKMARK = 4;

    @Override
    public boolean matches(Packet packet) {
        int socket = packet.packetSocket();
        if (socket == Sockets.NONE) {
            return false;
        }
        int is = packet.socketFlags(socket);
        boolean full = (is & Sockets.TIME_WAIT) == 0;
        boolean wildcard = (flags & NOWILDCARD) == 0 && full && (is & Sockets.BOUND_ANY) != 0;
        boolean transparent = (flags & TRANSPARENT) == 0 || (is & Sockets.TRANSPARENT) != 0;
        if ((flags & RESTORE_SKMARK) != 0 && !wildcard && transparent && full) {
            packet.setMark(packet.socketMark(socket));
        }
        return !wildcard && transparent;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" socket");
        save(out);
    }

    @Override
    public void save(StringBuilder out) {
        if ((flags & TRANSPARENT) != 0) {
            out.append(" --transparent");
        }
        if ((flags & NOWILDCARD) != 0) {
            out.append(" --nowildcard");
        }
        if ((flags & RESTORE_SKMARK) != 0) {
            out.append(" --restore-skmark");
        }
    }

    /** The host's sockets are a fixed part of the host: the packet alone decides. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
