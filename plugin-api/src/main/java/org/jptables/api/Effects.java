package org.jptables.api;

/** Constants of the effects a target asks of the kernel through {@link Packet}. */
public final class Effects {
    /** {@link Packet#reject}: answer with a TCP RST instead of an ICMP error. */
    public static final int TCP_RESET = -1;

    /** {@link Packet#hostPacketBuffer}'s least size: an IPv4 header and a TCP header with 40 bytes of options. */
    public static final int HOST_PACKET_MAX = 20 + 60;

    /**
     * {@link Packet#sendFromHost}: the packet carries this packet's connection as an established
     * reply (nf_ct_set with IP_CT_ESTABLISHED_REPLY), when it has one; otherwise conntrack's OUTPUT
     * hook tracks it afresh (an untracked or INVALID packet has no entry: skb_nfct is null).
     */
    public static final int HOST_PACKET_OWN_CONNECTION = 0;
    /**
     * {@link Packet#sendFromHost}: tracked afresh with SYNPROXY's conntrack template, so that the
     * connection it makes (a SYN to the server) gets synproxy's state and sequence adjustment, and
     * the kernel's synproxy hook answers the server's SYN-ACK.
     */
    public static final int HOST_PACKET_SYNPROXY = 1;

    /** LOG --log-tcp-sequence (NF_LOG_TCPSEQ). */
    public static final int LOG_TCP_SEQUENCE = 0x01;
    /** LOG --log-tcp-options (NF_LOG_TCPOPT). */
    public static final int LOG_TCP_OPTIONS = 0x02;
    /** LOG --log-ip-options (NF_LOG_IPOPT). */
    public static final int LOG_IP_OPTIONS = 0x04;
    /** LOG --log-uid (NF_LOG_UID). */
    public static final int LOG_UID = 0x08;
    /** LOG --log-macdecode (NF_LOG_MACDECODE). */
    public static final int LOG_MAC_DECODE = 0x20;

    public static final int SNAT = 1;
    public static final int DNAT = 2;
    public static final int MASQUERADE = 3;
    public static final int REDIRECT = 4;

    /** The range names addresses (NF_NAT_RANGE_MAP_IPS). */
    public static final int NAT_MAP_IPS = 0x01;
    /** The range names ports (NF_NAT_RANGE_PROTO_SPECIFIED). */
    public static final int NAT_PROTO_SPECIFIED = 0x02;
    /** --random (NF_NAT_RANGE_PROTO_RANDOM). */
    public static final int NAT_RANDOM = 0x04;
    /** --persistent (NF_NAT_RANGE_PERSISTENT). */
    public static final int NAT_PERSISTENT = 0x08;
    /** --random-fully (NF_NAT_RANGE_PROTO_RANDOM_FULLY). */
    public static final int NAT_RANDOM_FULLY = 0x10;

    private Effects() {
    }
}
