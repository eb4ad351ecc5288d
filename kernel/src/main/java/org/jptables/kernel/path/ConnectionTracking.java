package org.jptables.kernel.path;

import org.jptables.kernel.packet.PacketView;

/**
 * What the packet path needs of connection tracking: classify a packet at the first hook,
 * confirm or forget the entry at the last, and keep the NAT binding in the entry's tuples.
 * Tuples are written into a caller's int[4] (source, destination, source port, destination port)
 * so that nothing is allocated per packet.
 */
public interface ConnectionTracking {
    /** The packet is not tracked (NOTRACK, or a protocol conntrack ignores). */
    int UNTRACKED = -1;
    /** The packet is INVALID. */
    int INVALID = -2;
    /** The table is full and nothing could be evicted: the kernel drops the packet. */
    int TABLE_FULL = -3;

    /** Classifies the packet (publishing state on the view) and returns its entry's handle or a negative code. */
    int track(PacketView packet, long nowNanos);

    /** Whether the entry is new, not yet confirmed: its first packet is going through the hooks. */
    boolean isNew(int handle);

    /** Whether the current packet travels in the reply direction of its entry. */
    boolean isReply(int handle);

    /** Whether NAT has been decided for the entry ({@code source}: SNAT, else DNAT), maybe as a null binding. */
    boolean natDone(int handle, boolean source);

    /**
     * Binds NAT: from now on the original direction's {@code source} (SNAT) or destination (DNAT)
     * becomes {@code address}:{@code port} (port 0: unchanged). A null binding keeps the tuple.
     */
    default void bindNat(int handle, boolean source, int address, int port) {
        bindNat(handle, source, address, address, port, port, 0);
    }

    /**
     * Binds NAT to a range as nf_nat's get_unique_tuple: the address is picked from
     * {@code minAddress}..{@code maxAddress} (0: unchanged), the port from {@code minPort}..{@code maxPort}
     * (0: not specified) so that the reply tuple is unique; {@code flags} are Effects' NAT_* bits.
     */
    void bindNat(int handle, boolean source, int minAddress, int maxAddress, int minPort, int maxPort, int flags);

    /**
     * Attaches a packet the host makes in answer to the current one (REJECT's) to the current
     * packet's entry as a related packet of the other direction (nf_ct_attach); returns the handle.
     */
    int attach(PacketView generated, int causeHandle);

    /** After the answer left: the entry's packet is the one that caused it again. */
    void detach(int causeHandle);

    /** Whether the current packet is RELATED to the entry (an ICMP error quoting one of its packets). */
    boolean isRelated(int handle);

    /** Whether the binding changed the entry's source ({@code source}) or destination (IPS_SRC_NAT, IPS_DST_NAT). */
    boolean natted(int handle, boolean source);

    /** Whether the entry's original and reply tuples are no longer each other's inverse. */
    boolean natted(int handle);

    /** Fills {@code out} with the entry's tuple in the given direction. */
    void tuple(int handle, boolean reply, int[] out);

    /**
     * Runs the entry's conntrack helper on the packet as it leaves the last hook (nf_confirm, before
     * the confirmation), and the sequence number adjustment NAT's rewrites call for: false when the
     * helper drops the packet. {@code local}: the packet is delivered to this host (INPUT, or out
     * by lo); {@code loopback}: it travels through lo.
     */
    boolean help(int handle, PacketView packet, boolean local, boolean loopback);

    /**
     * Makes the entry permanent (the last hook passed with ACCEPT); false when a confirmed entry
     * already holds one of its tuples, so the packet is dropped.
     */
    boolean confirm(int handle);

    /**
     * nf_ct_set_acct(net, true), as xt_connbytes' checkentry does: connections made from now on
     * count their packets and bytes. Nothing turns it off again.
     */
    default void enableAccounting() {
    }

    /**
     * nf_connlabels_get, as xt_connlabel's checkentry does: connections made from now on get
     * labels. Nothing turns it off again while the ruleset stands.
     */
    default void enableLabels() {
    }

    /** Forgets an unconfirmed entry whose packet was dropped. */
    void abort(int handle);

    /**
     * A segment SYNPROXY sends on the connection of {@code causeHandle} as IP_CT_ESTABLISHED_REPLY
     * (nf_ct_set), lent as {@link #attach} lends it. Publishes and returns the handle.
     */
    default int attachAsReply(PacketView generated, int causeHandle) {
        return attach(generated, causeHandle);
    }

    /** The connection was made by a SYN that left with SYNPROXY's template: it gets synproxy's state. */
    default void addSynproxy(int handle) {
    }

    /** Where the SYNPROXY hook's segments go, sent at once and in order. */
    interface SynproxySegments {
        /** {@code asReply}: it carries the connection as IP_CT_ESTABLISHED_REPLY; otherwise conntrack tracks it. */
        void send(byte[] ip, int length, boolean asReply);
    }

    /** Verdicts of {@link #synproxy}. */
    int SYNPROXY_ACCEPT = 0;
    int SYNPROXY_DROP = 1;
    int SYNPROXY_STOLEN = 2;

    /**
     * nf_synproxy_core's hook at INPUT and POSTROUTING, before the entry is confirmed: for a
     * connection SYNPROXY opened, {@link #SYNPROXY_ACCEPT}, {@link #SYNPROXY_DROP} or
     * {@link #SYNPROXY_STOLEN} (the server's SYN-ACK, answered through {@code segments}).
     */
    default int synproxy(int handle, PacketView packet, SynproxySegments segments) {
        return SYNPROXY_ACCEPT;
    }
}
