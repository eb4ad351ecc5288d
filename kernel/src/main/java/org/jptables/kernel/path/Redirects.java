package org.jptables.kernel.path;

import java.util.HashMap;
import java.util.Map;
import org.jptables.kernel.host.Host;

/**
 * When the host's IP layer sends an ICMP redirect, as ip_route_input and ip_rt_send_redirect
 * decide it: a packet forwarded out of the interface it arrived on, from a sender on that link
 * and to a next hop on it, earns the sender a redirect to that next hop, limited per sender: the
 * first at once, then only after 20 ms doubled for each one sent (ip_rt_redirect_load), at most
 * 9 (ip_rt_redirect_number), and the count starts again after 20.48 s of silence.
 *
 * <p>Only packets that are being redirected reach this class, so its small map is no cost to
 * the common path.
 */
final class Redirects {
    private static final long LOAD_NANOS = 20_000_000L;
    private static final int NUMBER = 9;
    private static final long SILENCE_NANOS = LOAD_NANOS << (NUMBER + 1);

    /** inet_peer's rate_last and n_redirects for one sender. */
    private static final class Peer {
        long rateLast;
        int sent;
    }

    private final Host host;
    private final Map<Integer, Peer> peers = new HashMap<>();

    Redirects(Host host) {
        this.host = host;
    }

    /** Whether a redirect for a packet from {@code source} to next hop {@code gateway} on {@code device} goes out now. */
    boolean shouldSend(int source, int gateway, int device, long now) {
        if (!host.onLink(device, source) || !host.onLink(device, gateway)) {
            return false;
        }
        Peer peer = peers.computeIfAbsent(source, s -> new Peer());
        if (peer.sent > 0 && now - peer.rateLast > SILENCE_NANOS) {
            peer.sent = 0;
        }
        if (peer.sent >= NUMBER) {
            peer.rateLast = now;
            return false;
        }
        if (peer.sent == 0 || now - peer.rateLast > (LOAD_NANOS << peer.sent)) {
            peer.rateLast = now;
            peer.sent++;
            return true;
        }
        return false;
    }
}
