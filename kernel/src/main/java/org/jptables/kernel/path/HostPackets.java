package org.jptables.kernel.path;

import java.util.Arrays;
import org.jptables.api.Effects;
import org.jptables.kernel.effects.IcmpRateLimit;
import org.jptables.kernel.effects.RejectReplies;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.packet.PacketView;

/**
 * The packets the host sends of its own while it handles another: REJECT's answer, the IP layer's
 * ICMP errors, TEE's copies and SYNPROXY's segments (the target's, and those of conntrack's
 * synproxy hook). Each goes through OUTPUT and POSTROUTING on the path's one view, so the packet at
 * hand is put aside meanwhile and restored afterwards; what a target asks for waits until the table
 * at work is done with the packet, as the kernel sends it once the target has returned.
 *
 * <p>Kept apart from {@link PacketPath} because this is one concern of its own: which of these
 * packets leave, with which socket and connection, and how they nest. The path lends its own step
 * for the way out ({@link PacketAtHand}). Nothing is allocated unless a packet is sent.
 */
final class HostPackets {
    /** How a packet the host sends borrows its cause's connection, or what its own connection gets. */
    static final int ATTACH_RELATED = 0;
    static final int ATTACH_REPLY = 1;
    static final int TRACK_SYNPROXY = 2;
    /** The packet the host sends has no cause's connection to borrow. */
    static final int NO_CAUSE = -1;

    /** The path's side: the packet at hand, and the way out of a packet the host sends. */
    interface PacketAtHand {
        /** The connection of the packet at hand, or a negative value without one. */
        int connection();

        /**
         * Sends {@code ip} through OUTPUT and POSTROUTING as the host's, from socket {@code as},
         * borrowing the connection {@code cause} as {@code attach} says; the packet at hand's own
         * state (its fragments, connection and socket) is kept for after.
         */
        void send(byte[] ip, int cause, int attach, LocalSocket as);

        /** Sends a TEE copy (untracked, no socket), the packet at hand's own state kept for after. */
        void sendCopy(PacketDuplicates.Copy copy);
    }

    private final Host host;
    private final PacketView view;
    private final TableTraversal tables;
    private final ConnectionTracking conntrack;
    private final TeeCopies copies;
    private final PacketAtHand atHand;

    /** REJECT's answer, made in the table at work and sent once it is done. */
    private byte[] pendingReply;
    /** SYNPROXY's segments asked for in the table at work. */
    private final HostSegments segments = new HostSegments();
    /** SYNPROXY's segments are on their way out (their TCP checksums are partial). */
    private boolean sendingSegment;
    /** The packets put aside while SYNPROXY's segments nest, one per level. */
    private final ViewSnapshot[] segmentAside = {new ViewSnapshot(), new ViewSnapshot(), new ViewSnapshot()};
    private int segmentDepth;
    /** The synproxy hook's way out, made once. */
    private final ConnectionTracking.SynproxySegments synproxySegments = this::sendSynproxySegment;
    /** The packet being handled, while the host sends a REJECT answer or a TEE copy on the view. */
    private final ViewSnapshot aside = new ViewSnapshot();
    /** How many of the host's own packets are on their way out, one inside another. */
    private int depth;
    private boolean quietHost;
    private boolean ownErrors = true;
    private IcmpRateLimit icmpLimit;

    HostPackets(Host host, PacketView view, TableTraversal tables, ConnectionTracking conntrack, TeeCopies copies,
                PacketAtHand atHand) {
        this.host = host;
        this.view = view;
        this.tables = tables;
        this.conntrack = conntrack;
        this.copies = copies;
        this.atHand = atHand;
    }

    /** See {@link PacketPath#quietHost}. */
    void quietHost(boolean quiet) {
        this.quietHost = quiet;
    }

    /** See {@link PacketPath#ownErrors}. */
    void ownErrors(boolean make) {
        this.ownErrors = make;
    }

    /** See {@link PacketPath#icmpRateLimit}. */
    void icmpRateLimit(IcmpRateLimit limit) {
        this.icmpLimit = limit;
    }

    /** Whether the packet on the view is one the host sends while handling another. */
    boolean sending() {
        return depth > 0;
    }

    /** Whether the packet on the view is a SYNPROXY segment, which leaves its TCP checksum to the device. */
    boolean sendingSegment() {
        return sendingSegment;
    }

    /** The packets the table just done with the packet asked for: TEE's copies, REJECT's answer, SYNPROXY's segments. */
    void afterTable(PacketResult report, long now) {
        if (!copies.isEmpty()) {
            for (PacketDuplicates.Copy copy : copies.take()) {
                aside(null, copy);
            }
        }
        if (pendingReply != null) {
            byte[] reply = pendingReply;
            pendingReply = null;
            sendReply(reply, report);
        }
        if (!segments.isEmpty()) {
            sendSegments();
        }
    }

    /** REJECT asked for an answer to {@code packet}; a quiet host sends none. */
    void reject(PacketView packet, int icmpCode, boolean checkIpHeaders, long now) {
        pendingReply = quietHost ? null : RejectReplies.reply(packet, icmpCode, host, checkIpHeaders, icmpLimit, now);
    }

    /** TEE asked for a copy of {@code packet}. */
    void duplicate(PacketView packet, int gateway, String device) {
        copies.add(packet, gateway, device, quietHost);
    }

    /** An ICMP error the host's own IP layer sends about the current packet (not REJECT's). */
    void sendOwnError(int type, int code, int rest, PacketResult report, long now) {
        if (quietHost || !ownErrors) {
            return;
        }
        byte[] error = RejectReplies.icmpError(view, type, code, rest, host, icmpLimit, now);
        if (error != null) {
            sendReply(error, report);
        }
    }

    /** A REJECT answer goes out through OUTPUT and POSTROUTING like any packet the host sends. */
    private void sendReply(byte[] reply, PacketResult report) {
        if (reply.length > 9 && reply[9] == 6 && !view.physInInterface().isEmpty()) {
            // nf_send_reset answers a packet from a bridge port out of that port, from the MAC it
            // was sent to: no hooks
            if (report != null) {
                EmittedFrames.record(report, null, reply, reply.length, view.physInInterface(), view.sourceMac(),
                        view.destinationMac());
            }
            return;
        }
        aside(reply, null);
    }

    /**
     * Sends a packet the host makes while handling the current one, a REJECT answer ({@code reply})
     * or a TEE copy ({@code copy}), on the same view: the current packet is put aside and restored.
     */
    private void aside(byte[] reply, PacketDuplicates.Copy copy) {
        if (depth > 0) {
            return;
        }
        // REJECT's TCP reset is an skb of no socket (nf_send_reset); ICMP errors leave by the
        // kernel's ICMP control socket, a socket without a file (icmp_send)
        LocalSocket as = copy != null || reply.length > 9 && reply[9] == 6 ? LocalSocket.NONE : LocalSocket.KERNEL;
        sendAside(reply, copy, atHand.connection(), ATTACH_RELATED, as, aside);
    }

    /**
     * Sends a packet the host makes while handling the current one on the same view (a REJECT
     * answer borrowing the connection {@code cause}, a TEE copy, a SYNPROXY segment): the current
     * packet is put aside in {@code snapshot} and restored afterwards.
     */
    private void sendAside(byte[] ip, PacketDuplicates.Copy copy, int cause, int attach, LocalSocket as,
                           ViewSnapshot snapshot) {
        depth++;
        snapshot.take(view);
        Table table = tables.current();
        try {
            if (copy != null) {
                atHand.sendCopy(copy);
            } else {
                atHand.send(ip, cause, attach, as);
            }
        } finally {
            if (copy == null && cause >= 0 && conntrack != null) {
                conntrack.detach(cause);
            }
            depth--;
            snapshot.restore(view);
            tables.current(table);
        }
    }

    /**
     * SYNPROXY's segments leave as synproxy_send_tcp sends them: no socket, through OUTPUT and
     * POSTROUTING, the packet at hand put aside meanwhile; a quiet host sends none.
     */
    void sendFromHost(byte[] ip, int length, int conntrackKind) {
        if (quietHost) {
            return;
        }
        // skb_nfct: an untracked packet's entry is no pointer, so its answer is tracked afresh
        int current = atHand.connection();
        int connection = conntrackKind == Effects.HOST_PACKET_OWN_CONNECTION && current >= 0 ? current
                : conntrackKind == Effects.HOST_PACKET_SYNPROXY ? HostSegments.TRACK_SYNPROXY : HostSegments.TRACK;
        segments.add(ip, length, connection);
    }

    /**
     * nf_synproxy_core's hook, just before conntrack confirms at INPUT (not for packets that came
     * in through lo) and POSTROUTING: ACCEPT, or DROP and STOLEN (the server's SYN-ACK, answered),
     * which both end the packet's way.
     */
    int synproxy(int ct) {
        if (ct < 0 || conntrack == null) {
            return ConnectionTracking.SYNPROXY_ACCEPT;
        }
        return conntrack.synproxy(ct, view, synproxySegments);
    }

    /** The hook's segments, each sent at once: the ACK to the server before the sequence adjustment starts. */
    private void sendSynproxySegment(byte[] ip, int length, boolean asReply) {
        int current = atHand.connection();
        sendSegment(Arrays.copyOf(ip, length), asReply && current >= 0 ? current : HostSegments.TRACK);
    }

    /** The targets' segments, once the table that asked for them is done with the packet. */
    private void sendSegments() {
        int n = segments.size();
        byte[][] packets = new byte[n][];
        int[] connections = new int[n];
        for (int i = 0; i < n; i++) {
            packets[i] = segments.packet(i);
            connections[i] = segments.connection(i);
        }
        segments.clear();
        for (int i = 0; i < n; i++) {
            sendSegment(packets[i], connections[i]);
        }
    }

    /**
     * One SYNPROXY segment out, the packet at hand put aside meanwhile. Segments nest (the SYN to a
     * local server is answered through lo, and the hook answers that SYN-ACK), a few deep at most.
     */
    private void sendSegment(byte[] ip, int connection) {
        if (segmentDepth == segmentAside.length) {
            return;
        }
        boolean wasSending = sendingSegment;
        sendingSegment = true;
        try {
            sendAside(ip, null, connection < 0 ? NO_CAUSE : connection,
                    connection == HostSegments.TRACK_SYNPROXY ? TRACK_SYNPROXY : ATTACH_REPLY, LocalSocket.NONE,
                    segmentAside[segmentDepth++]);
        } finally {
            segmentDepth--;
            sendingSegment = wasSending;
        }
    }
}
