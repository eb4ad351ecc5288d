package org.jptables.live.nfqueue;

/**
 * One queued packet as {@link NfQueue#receive} last filled it: the kernel's packet header and
 * metadata, and the packet itself (from its network header on) copied into {@link #payload()}.
 * Made once and reused for every packet, so that receiving allocates nothing; what it holds is
 * valid until the next receive into it. Values absent from the kernel's message read as 0 (and
 * false for the {@code has...} questions). Not thread-safe.
 */
public final class QueuedPacket {
    /** Room for the largest copy the kernel makes ({@link QueueProtocol#MAX_COPY_RANGE}) and then some. */
    public static final int PAYLOAD_CAPACITY = 65536;

    final byte[] payload = new byte[PAYLOAD_CAPACITY];
    int payloadLength;
    int family;
    int queueNumber;
    int packetId;
    int hwProtocol;
    int hook;
    int mark;
    boolean hasMark;
    long timestampSeconds;
    long timestampMicros;
    boolean hasTimestamp;
    int inDevice;
    int outDevice;
    int physInDevice;
    int physOutDevice;
    long hardwareAddress;
    int hardwareAddressLength;
    int uid;
    boolean hasUid;
    int gid;
    boolean hasGid;
    int conntrackInfo;
    boolean hasConntrackInfo;
    int capturedLength;
    boolean truncated;
    int skbInfo;
    int priority;
    int vlanTci;
    int vlanProtocol;
    boolean hasVlan;

    /** Forgets the previous packet: every optional value back to absent. */
    void clear() {
        payloadLength = 0;
        family = 0;
        queueNumber = 0;
        packetId = 0;
        hwProtocol = 0;
        hook = 0;
        mark = 0;
        hasMark = false;
        timestampSeconds = 0;
        timestampMicros = 0;
        hasTimestamp = false;
        inDevice = 0;
        outDevice = 0;
        physInDevice = 0;
        physOutDevice = 0;
        hardwareAddress = 0;
        hardwareAddressLength = 0;
        uid = 0;
        hasUid = false;
        gid = 0;
        hasGid = false;
        conntrackInfo = 0;
        hasConntrackInfo = false;
        capturedLength = 0;
        truncated = false;
        skbInfo = 0;
        priority = 0;
        vlanTci = 0;
        vlanProtocol = 0;
        hasVlan = false;
    }

    /** The packet from its network header on (an IPv4 or IPv6 packet for those families). */
    public byte[] payload() {
        return payload;
    }

    /** Bytes of {@link #payload()} that hold this packet (at most the queue's copy range). */
    public int payloadLength() {
        return payloadLength;
    }

    /** The packet's length in the kernel: larger than {@link #payloadLength()} when the copy was cut. */
    public int originalLength() {
        return truncated ? capturedLength : payloadLength;
    }

    /** Whether the kernel copied less than the whole packet (it sent NFQA_CAP_LEN). */
    public boolean truncated() {
        return truncated;
    }

    /** The nfgenmsg family: NFPROTO_IPV4 (2), NFPROTO_IPV6 (10), NFPROTO_BRIDGE (7)... */
    public int family() {
        return family;
    }

    public int queueNumber() {
        return queueNumber;
    }

    /** The id a verdict names; the kernel counts them up per queue from 1. */
    public int packetId() {
        return packetId;
    }

    /** The link-layer protocol (ETH_P_IP 0x0800, ETH_P_IPV6 0x86dd), in host order. */
    public int hwProtocol() {
        return hwProtocol;
    }

    /** The netfilter hook: 0 PREROUTING, 1 INPUT, 2 FORWARD, 3 OUTPUT, 4 POSTROUTING. */
    public int hook() {
        return hook;
    }

    /** The packet's mark (skb->mark); the kernel leaves it out when 0. */
    public int mark() {
        return mark;
    }

    public boolean hasMark() {
        return hasMark;
    }

    /** When the packet arrived (seconds since the epoch), if the kernel stamped it. */
    public long timestampSeconds() {
        return timestampSeconds;
    }

    public long timestampMicros() {
        return timestampMicros;
    }

    public boolean hasTimestamp() {
        return hasTimestamp;
    }

    /** The input interface's index, 0 when none (locally generated packets). */
    public int inDevice() {
        return inDevice;
    }

    /** The output interface's index, 0 when not yet routed or none. */
    public int outDevice() {
        return outDevice;
    }

    /** The bridge port a bridged packet came in on, 0 when none. */
    public int physInDevice() {
        return physInDevice;
    }

    /** The bridge port a bridged packet goes out of, 0 when none. */
    public int physOutDevice() {
        return physOutDevice;
    }

    /**
     * The link-layer source address, its bytes big-endian in the low {@link #hardwareAddressLength()}
     * bytes (a MAC 02:00:00:00:00:01 reads 0x020000000001).
     */
    public long hardwareAddress() {
        return hardwareAddress;
    }

    /** The source address's length in bytes (6 for Ethernet), 0 when absent. */
    public int hardwareAddressLength() {
        return hardwareAddressLength;
    }

    /** The owner of the local socket that sent the packet (needs {@link QueueOptions#uidGid()}). */
    public int uid() {
        return uid;
    }

    public boolean hasUid() {
        return hasUid;
    }

    public int gid() {
        return gid;
    }

    public boolean hasGid() {
        return hasGid;
    }

    /**
     * The enum ip_conntrack_info value (0 ESTABLISHED, 1 RELATED, 2 NEW, 3 ESTABLISHED_REPLY,
     * 4 RELATED_REPLY) when the packet has a conntrack entry (needs {@link QueueOptions#conntrack()}).
     */
    public int conntrackInfo() {
        return conntrackInfo;
    }

    public boolean hasConntrackInfo() {
        return hasConntrackInfo;
    }

    /** NFQA_SKB_INFO bits: {@link QueueProtocol#NFQA_SKB_CSUMNOTREADY}, {@code _GSO}, {@code _CSUM_NOTVERIFIED}. */
    public int skbInfo() {
        return skbInfo;
    }

    /** skb->priority (NFQA_PRIORITY, sent by recent kernels when not 0); 0 when absent. */
    public int priority() {
        return priority;
    }

    /** The VLAN tag of a bridged packet (NFQA_VLAN): tag control information and protocol. */
    public int vlanTci() {
        return vlanTci;
    }

    public int vlanProtocol() {
        return vlanProtocol;
    }

    public boolean hasVlan() {
        return hasVlan;
    }

    @Override
    public String toString() {
        return "packet " + Integer.toUnsignedString(packetId) + " of queue " + queueNumber + ": family " + family
                + ", hook " + hook + ", " + payloadLength + " bytes" + (truncated ? " of " + capturedLength : "")
                + (inDevice != 0 ? ", in " + inDevice : "") + (outDevice != 0 ? ", out " + outDevice : "")
                + (hasMark ? ", mark 0x" + Integer.toHexString(mark) : "");
    }
}
