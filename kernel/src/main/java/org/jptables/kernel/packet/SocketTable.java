package org.jptables.kernel.packet;

import org.jptables.api.Sockets;

/**
 * The host's sockets as the packet path looks them up (xt_socket, TPROXY): handles are small
 * numbers valid for this table, {@link Sockets#NONE} for none. The host model provides the real
 * one; without a host there are no sockets.
 */
public interface SocketTable {
    /** A socket for the packet, of a {@link Sockets} lookup kind, as nf_tproxy_get_sock_v4 finds it. */
    int find(int protocol, int source, int sourcePort, int destination, int destinationPort, int kind);

    /** {@link Sockets}' TRANSPARENT, BOUND_ANY and TIME_WAIT bits of the socket. */
    int flags(int socket);

    /** The socket's mark (sk_mark). */
    int mark(int socket);

    /** A host without sockets. */
    SocketTable NONE = new SocketTable() {
        @Override
        public int find(int protocol, int source, int sourcePort, int destination, int destinationPort, int kind) {
            return Sockets.NONE;
        }

        @Override
        public int flags(int socket) {
            return 0;
        }

        @Override
        public int mark(int socket) {
            return 0;
        }
    };
}
