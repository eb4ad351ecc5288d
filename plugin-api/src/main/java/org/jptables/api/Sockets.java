package org.jptables.api;

/**
 * Constants of the host's sockets as {@link Packet#findSocket} and {@link Packet#socketFlags}
 * give them: the kind of lookup (as nf_tproxy_get_sock_v4's lookup types) and what a found socket
 * is (transparent, bound to the wildcard address, a TIME_WAIT remnant rather than a full socket).
 */
public final class Sockets {
    /** No socket: what the lookups return when they find none. */
    public static final int NONE = -1;

    /** Established (and TIME_WAIT) sockets first, then listeners: inet_lookup, udp4_lib_lookup. */
    public static final int LOOKUP_ANY = 0;
    /** Only an established socket (TCP: also TIME_WAIT; UDP: connected and bound to an address). */
    public static final int LOOKUP_ESTABLISHED = 1;
    /** Only a listener (TCP: LISTEN; UDP: not connected), bound to the address or to 0.0.0.0. */
    public static final int LOOKUP_LISTENER = 2;

    /** The socket is transparent (IP_TRANSPARENT; a TIME_WAIT socket's tw_transparent). */
    public static final int TRANSPARENT = 1;
    /** The socket is bound to 0.0.0.0 (inet_rcv_saddr == 0). */
    public static final int BOUND_ANY = 2;
    /** The socket is a TCP TIME_WAIT remnant, not a full socket (sk_fullsock is false). */
    public static final int TIME_WAIT = 4;

    private Sockets() {
    }
}
