package org.jptables.api;

/**
 * The packet as matches and targets see it: a view over the bytes of one IPv4 packet plus the
 * metadata the kernel keeps beside it (interfaces, mark, connection-tracking state). The kernel
 * reuses one view for many packets; an extension must not keep a reference to it.
 *
 * <p>Offsets are counted from the first byte of the IPv4 header. Reads past the captured bytes
 * return -1, so that a match can tell a truncated packet from a value and hotdrop it.
 */
public interface Packet {
    /** Bytes available from the start of the IPv4 header. */
    int length();

    /** The unsigned byte at {@code offset}, or -1 past the end. */
    int u8(int offset);

    /** The unsigned big-endian 16-bit value at {@code offset}, or -1 past the end. */
    int u16(int offset);

    /** The big-endian 32-bit value at {@code offset} as a long in 0..2^32-1, or -1 past the end. */
    long u32(int offset);

    /** The IPv4 header length in bytes (IHL * 4). */
    int headerLength();

    /** The IPv4 total length field. */
    int totalLength();

    /** The IPv4 protocol field. */
    int protocol();

    /** The source address. */
    int source();

    /** The destination address. */
    int destination();

    /** The TOS byte. */
    int tos();

    /** The time-to-live. */
    int ttl();

    /** The fragment offset in 8-byte units (0 for a first or unfragmented packet). */
    int fragmentOffset();

    /** The identification field (the IP ID, bytes 4-5), or -1 past the end. */
    default int identification() {
        return u16(4);
    }

    /** Whether the DF (don't fragment) flag is set (IP_DF: 0x4000 of bytes 6-7); false past the end. */
    default boolean dontFragment() {
        int flags = u16(6);
        return flags >= 0 && (flags & 0x4000) != 0;
    }

    /** Whether the MF (more fragments) flag is set (IP_MF: 0x2000): a fragment but the last; false past the end. */
    default boolean moreFragments() {
        int flags = u16(6);
        return flags >= 0 && (flags & 0x2000) != 0;
    }

    /** Offset of the transport header (the IPv4 header length). */
    default int transportOffset() {
        return headerLength();
    }

    /** The interface the packet came in on, "" when it was sent by the host. */
    String inInterface();

    /** The interface the packet leaves by, "" before routing or when delivered locally. */
    String outInterface();

    /**
     * The device group of the interface the packet came in on (dev->group, as xt_devgroup
     * compares it), an unsigned 32-bit value: 0 unless the caller says otherwise, as on a host
     * whose interfaces are in no group.
     */
    default int inInterfaceGroup() {
        return 0;
    }

    /** The device group of the interface the packet leaves by, 0 unless the caller says otherwise. */
    default int outInterfaceGroup() {
        return 0;
    }

    /**
     * The bridge port the frame came in on (br_netfilter's physindev), "" when the packet did not
     * arrive on a bridge port. The bridge hands such a packet to iptables with the bridge as
     * {@link #inInterface()}; only a packet with a port here carries bridge information at all
     * (xt_physdev's nf_bridge_info_exists), the host's own packets never do.
     */
    default String physInInterface() {
        return "";
    }

    /**
     * The bridge port the frame leaves by (br_netfilter's physoutdev), "" until the bridge has
     * chosen one: set at FORWARD and POSTROUTING for a bridged frame, never for a packet the host
     * sends or delivers to itself.
     */
    default String physOutInterface() {
        return "";
    }

    /** The hook being traversed. */
    Hook hook();

    /** The packet mark (skb->mark). */
    int mark();

    /** Sets the packet mark. */
    void setMark(int mark);

    /**
     * The packet's priority (skb->priority) as 0..2^32-1: the traffic-control class
     * {@code MAJOR << 16 | MINOR} a qdisc may pick it by, 0 until something sets it.
     */
    default long priority() {
        return 0;
    }

    /** Sets the packet's priority (skb->priority), as CLASSIFY does. */
    default void setPriority(int priority) {
    }

    /**
     * The mark of the packet's connection (nf_conn->mark, CONNMARK's ctmark) as 0..2^32-1, or -1
     * when the packet has no connection (untracked, INVALID: the kernel's nf_ct_get gives NULL).
     */
    default long connMark() {
        return -1;
    }

    /** Sets the mark of the packet's connection; no effect on a packet without a connection. */
    default void setConnMark(int mark) {
    }

    /** Connection-tracking state bits, see {@link ConnState}. */
    int ctState();

    /** Connection-tracking status bits (IPS_*), see {@link ConnState}. */
    int ctStatus();

    /** Layer-4 protocol of the tracked connection, 0 when untracked. */
    int ctProtocol();

    /** Original-direction source address of the tracked connection. */
    int ctOriginalSource();

    /** Original-direction destination address of the tracked connection. */
    int ctOriginalDestination();

    /** Reply-direction source address of the tracked connection. */
    int ctReplySource();

    /** Reply-direction destination address of the tracked connection. */
    int ctReplyDestination();

    /** The packet's direction on its connection: 0 original, 1 reply (CTINFO2DIR). */
    int ctDirection();

    /**
     * The connection's original-direction source "port": the TCP/UDP port, the ICMP query's id
     * (the tuple's src.u.all, as --ctorigsrcport compares it).
     */
    int ctOriginalSourcePort();

    /** Original-direction destination port (for ICMP: type << 8 | code), as --ctorigdstport compares it. */
    int ctOriginalDestinationPort();

    /** Reply-direction source port, as --ctreplsrcport compares it. */
    int ctReplySourcePort();

    /** Reply-direction destination port, as --ctrepldstport compares it. */
    int ctReplyDestinationPort();

    /** Whole seconds until the connection's entry expires (nf_ct_expires / HZ); 0 while unconfirmed. */
    long ctExpires();

    /**
     * The helper of the master of the packet's connection, as xt_helper looks at it: a
     * {@link ConntrackHelpers} id when the connection was expected by a helper of another one (an
     * FTP data connection: its master is the control connection), {@link ConntrackHelpers#NONE}
     * when the packet has no connection, the connection no master or the master no helper.
     */
    default int ctMasterHelper() {
        return ConntrackHelpers.NONE;
    }

    /**
     * The original-direction source address of the master of the packet's connection (ct->master:
     * the control connection of a connection a helper expected, such as an FTP data connection),
     * as xt_cluster hashes it; the connection's own {@link #ctOriginalSource()} when it has no
     * master.
     */
    default int ctMasterOriginalSource() {
        return ctOriginalSource();
    }

    /**
     * Packets counted on the packet's connection in one direction (0 original, 1 reply), as
     * nf_conn_acct counts them (the current packet included once conntrack has seen it), or -1
     * when the packet has no connection or its connection has no accounting: conntrack counts only
     * connections made while {@code nf_conntrack_acct} was on (see
     * {@link Match#needsConntrackAccounting}).
     */
    default long ctPackets(int direction) {
        return -1;
    }

    /** Bytes (whole IP packets) counted as {@link #ctPackets} counts packets; -1 likewise. */
    default long ctBytes(int direction) {
        return -1;
    }

    /**
     * Label {@code bit} (0-127) of the packet's connection: 1 set, 0 clear, -1 when the packet has
     * no connection or its connection no labels (it was made while no rule used labels: see
     * {@link Match#needsConntrackLabels}).
     */
    default int ctLabel(int bit) {
        return -1;
    }

    /** Sets label {@code bit} of the packet's connection; false (nothing set) where {@link #ctLabel} is -1. */
    default boolean setCtLabel(int bit) {
        return false;
    }

    /**
     * Whether conntrack holds a confirmed, unexpired connection with this tuple in either direction
     * (nf_conntrack_find_get): -1 when it does not, 1 when it does and the connection is TCP in
     * TIME_WAIT or CLOSE (what nf_conncount calls already closed), 0 when it does otherwise. Ports
     * as {@link #ctOriginalSourcePort} gives them (ICMP: the id, and type &lt;&lt; 8 | code); -1
     * when the caller keeps no connections.
     */
    default int ctLookup(int protocol, int source, int destination, int sourcePort, int destinationPort) {
        return -1;
    }

    /** The packet's arrival time in nanoseconds, on the capture's or the caller's clock. */
    long timeNanos();

    /**
     * The kernel's address type (RTN_UNICAST 1, RTN_LOCAL 2, RTN_BROADCAST 3, RTN_MULTICAST 5, ...)
     * of {@code address} as the host sees it; limited to {@code device} when it is not null.
     */
    int addressType(int address, String device);

    /**
     * The CPU the packet is handled on (the kernel's smp_processor_id() in the hook), as xt_cpu
     * compares it: 0 unless the caller says otherwise, as on a host with one CPU.
     */
    default int cpu() {
        return 0;
    }

    /**
     * The realm of the packet's route (dst->tclassid, as xt_realm compares it) as an unsigned
     * 32-bit value: 0 unless the caller says otherwise, as on a host whose routes name no realms.
     */
    default int routeRealm() {
        return 0;
    }

    /**
     * The passive OS fingerprints the host has loaded ({@code nfnl_osf -f pf.os}; conf/host.yaml's
     * {@code osf}) whose DF flag is {@code dontFragment}, in the order they were loaded: the kernel's
     * {@code nf_osf_fingers[df]}, as {@code -m osf} walks it. Empty when none are loaded, as on a
     * Linux host where nobody ran nfnl_osf. The list is the host's own: it allocates nothing.
     */
    default java.util.List<OsFingerprint> osFingerprints(boolean dontFragment) {
        return java.util.List.of();
    }

    /** The link-layer packet type (PACKET_HOST 0, BROADCAST 1, MULTICAST 2, OTHERHOST 3, OUTGOING 4). */
    int packetType();

    /**
     * Sets the link-layer packet type (skb->pkt_type), as xt_cluster turns a PACKET_MULTICAST
     * packet addressed to a unicast IP address into PACKET_HOST.
     */
    default void setPacketType(int type) {
    }

    /** The source MAC address as a long (48 bits), or -1 when the packet has no Ethernet header. */
    long sourceMac();

    /**
     * Leaves the packet untracked, as the raw table's {@code NOTRACK} and {@code CT --notrack} do:
     * connection tracking skips it and the state matches see UNTRACKED. Like xt_CT, a packet that
     * already has a CT template (or a connection: one the host sent itself, back through lo) keeps
     * it: the first CT or NOTRACK target a packet meets is the one that counts.
     */
    void untrack();

    /**
     * CT --zone: the packet's connection is looked up and created in conntrack zone {@code id},
     * for the original direction (bit 0), the reply direction (bit 1) or both (3), as xt_CT's
     * template does; the other direction stays in zone 0.
     */
    void conntrackZone(int id, int directions);

    /**
     * A CT target's template (xt_ct_target): the packet's connection is looked up and created in
     * zone {@code zoneId} for {@code zoneDirections} (as {@link #conntrackZone}), and a connection
     * it creates gets helper {@code helper} (a {@link ConntrackHelpers} id, NONE for none), as
     * __nf_ct_try_assign_helper attaches it, unless an expectation claims the connection first.
     * A packet that already has a template, was untracked or has a connection keeps what it has
     * (the kernel's {@code skb->_nfct} check): the first CT or NOTRACK target a packet meets counts.
     */
    default void conntrackTemplate(int zoneId, int zoneDirections, int helper) {
        conntrackZone(zoneId, zoneDirections);
    }

    /**
     * Hands a copy of the packet to nfnetlink_log group {@code group}, as NFLOG does: the
     * listener gets its hook, interfaces, mark, link-layer header, time, the sending socket's uid
     * and gid, {@code prefix} and the first {@code size} bytes of the packet (-1: all of it).
     * Offline the copies go to {@code jptables replay --nflog FILE}.
     */
    default void nflog(int group, String prefix, long size) {
    }

    /**
     * Sends a copy of the packet to {@code gateway}, as TEE does (nf_dup_ipv4): the copy gets DF
     * set, one TTL less at PREROUTING and INPUT, keeps the mark, has no socket and is untracked; it
     * is routed to the gateway (by {@code device} when that is not null and exists) and leaves
     * through OUTPUT and POSTROUTING, where TEE does not copy it again. The packet itself goes on
     * unchanged. Offline the copy is among the frames the host sends.
     */
    default void duplicate(int gateway, String device) {
    }

    /**
     * A buffer for a packet the host makes while handling this one (SYNPROXY's segments), at least
     * {@link Effects#HOST_PACKET_MAX} bytes, owned by the kernel and reused: write a whole IPv4
     * packet at its start, then {@link #sendFromHost}. Null where no packet can be sent (outside
     * the packet path's kernel); the caller then sends nothing, as when the kernel's alloc_skb fails.
     */
    default byte[] hostPacketBuffer() {
        return null;
    }

    /**
     * The host sends the IPv4 packet in the first {@code length} bytes of {@link
     * #hostPacketBuffer()} (copied at once) as nf_synproxy's synproxy_send_tcp does: without a
     * socket, by ip_local_out through OUTPUT and POSTROUTING once the table at work is done with
     * this packet. {@code conntrackKind} is {@link Effects#HOST_PACKET_OWN_CONNECTION} or {@link
     * Effects#HOST_PACKET_SYNPROXY}. The IPv4 header checksum is the caller's to write; a TCP
     * checksum may be left partial (the pseudo-header sum), as the kernel leaves it to the device.
     */
    default void sendFromHost(int length, int conntrackKind) {
    }

    /**
     * Marks the packet traced, as the raw table's {@code TRACE} sets skb->nf_trace: from the next
     * rule on, every rule, return and policy it meets in any table writes a {@code TRACE:} line
     * to the kernel log.
     */
    default void trace() {
    }

    /** Drops the packet at once, whatever the rest of the rule says (the kernel's hotdrop). */
    void hotdrop();

    /**
     * Answers the packet as the kernel's REJECT does (nf_reject): an ICMP destination-unreachable
     * with {@code icmpCode}, or a TCP reset when {@code icmpCode} is {@link Effects#TCP_RESET}.
     */
    void reject(int icmpCode);

    /**
     * Writes the kernel log line of the LOG target for this packet (nf_log_syslog's format).
     *
     * @param level  syslog level 0..7
     * @param prefix the log prefix, "" for none
     * @param flags  {@link Effects}' LOG_* bits
     */
    void log(int level, String prefix, int flags);

    /**
     * Binds the packet's connection to a NAT mapping, as nf_nat_setup_info: only the first packet
     * of a connection reaches the nat table, later packets are rewritten by the binding.
     *
     * @param kind       {@link Effects#SNAT}, {@link Effects#DNAT}, {@link Effects#MASQUERADE} or {@link Effects#REDIRECT}
     * @param minAddress first address of the range (ignored by MASQUERADE and REDIRECT)
     * @param maxAddress last address of the range
     * @param minPort    first port, or 0 to keep the port
     * @param maxPort    last port
     * @param flags      {@link Effects}' NAT_* bits
     */
    void nat(int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags);

    /**
     * Writes the big-endian 16-bit {@code value} at {@code offset}, for targets that rewrite a
     * header in place (TCPMSS). No checksum is updated: the caller keeps them right. Returns false,
     * writing nothing, past the end or where the packet cannot be written.
     */
    default boolean setU16(int offset, int value) {
        return false;
    }

    /**
     * Inserts {@code count} zero bytes at {@code offset}, moving the rest of the packet up, as the
     * kernel's TCPMSS does when it adds an MSS option (skb_put and memmove). Only the bytes change:
     * the caller sets the lengths and checksums. Returns false, changing nothing, where the packet
     * cannot grow.
     */
    default boolean insert(int offset, int count) {
        return false;
    }

    /**
     * The MTU of the route the host would use towards {@code address} (dst_mtu of that route: the
     * device's MTU, lo's for the host's own addresses), or -1 when there is no route.
     */
    default int routeMtu(int address) {
        return 1500;
    }

    /**
     * The type of the route the host's FIB finds for {@code address} (fib_lookup: local table, then
     * main): RTN_UNICAST 1, RTN_LOCAL 2 (its own addresses, 127/8), RTN_BROADCAST 3 (its subnets'
     * broadcast addresses), or 0 when it has no route there. For reverse-path checks (rpfilter).
     */
    default int routeType(int address) {
        return 0;
    }

    /** The device of that route's next hop, or null when there is no route. */
    default String routeDevice(int address) {
        return null;
    }

    /**
     * Whether the packet belongs to a socket of this host (xt_owner's {@code skb_to_full_sk(skb)}
     * with a {@code struct socket}): true for what a local process sends, and for the kernel's own
     * ICMP errors and TCP resets of closed ports (sent from its control sockets); false for a
     * packet that arrived or is forwarded, and for REJECT's TCP resets.
     */
    default boolean socketExists() {
        return false;
    }

    /**
     * The fsuid of the credentials the sending socket's file was opened with (xt_owner's
     * {@code filp->f_cred->fsuid}) as 0..2^32-1, or -1 when there is no socket or the socket has
     * no file (the kernel's own control sockets).
     */
    default long socketUid() {
        return -1;
    }

    /** The fsgid of the sending socket's file as 0..2^32-1, or -1 as {@link #socketUid()}. */
    default long socketGid() {
        return -1;
    }

    /**
     * Whether one of the supplementary groups of the sending socket's file credentials lies in
     * {@code min..max} (0..2^32-1); false without a socket file. For {@code --suppl-groups}.
     */
    default boolean socketSupplementaryGroupIn(long min, long max) {
        return false;
    }

    /**
     * The cgroup v2 path of the packet's socket ({@code skb->sk}, a full socket only), as
     * {@code "/a/b"} ({@code "/"} for the root cgroup), for xt_cgroup's {@code --path}; null for a
     * packet without one (one that arrived or is forwarded, REJECT's resets, a SYN-ACK's request
     * socket). The kernel's own control sockets are in the root cgroup.
     */
    default String socketCgroup() {
        return null;
    }

    /** The net_cls class id of that socket as 0..2^32-1 (xt_cgroup's {@code --cgroup}), -1 without one. */
    default long socketClassid() {
        return -1;
    }

    /**
     * The host's socket the packet belongs to, as xt_socket finds it: the socket TPROXY assigned
     * ({@code skb->sk}), else nf_sk_lookup_slow_v4's lookup among the host's sockets (established
     * and TIME_WAIT first, then listeners) for a TCP or UDP packet, or for the TCP or UDP packet an
     * ICMP error quotes (its addresses and ports swapped); a reply of a connection whose source was
     * NATed is looked up by the original source. {@link Sockets#NONE} when there is none; pass the
     * handle to {@link #socketFlags} and {@link #socketMark}.
     */
    default int packetSocket() {
        return Sockets.NONE;
    }

    /**
     * A socket of the host for a packet of {@code protocol} (6 or 17) from {@code source}:{@code
     * sourcePort} to {@code destination}:{@code destinationPort} (ports as numbers), of the
     * {@code kind} ({@link Sockets#LOOKUP_ANY}, {@code LOOKUP_ESTABLISHED}, {@code LOOKUP_LISTENER})
     * as nf_tproxy_get_sock_v4 looks it up; {@link Sockets#NONE} when there is none.
     */
    default int findSocket(int protocol, int source, int sourcePort, int destination, int destinationPort, int kind) {
        return Sockets.NONE;
    }

    /** What socket {@code socket} is: {@link Sockets}' TRANSPARENT, BOUND_ANY and TIME_WAIT bits. */
    default int socketFlags(int socket) {
        return 0;
    }

    /** The mark of socket {@code socket} (sk->sk_mark, SO_MARK), 0 for none. */
    default int socketMark(int socket) {
        return 0;
    }

    /**
     * The first (primary) IPv4 address of the interface the packet arrived on, as TPROXY takes it
     * when no {@code --on-ip} is given (nf_tproxy_laddr4); 0 when it has none, or for a packet the
     * host sends.
     */
    default int inInterfaceAddress() {
        return 0;
    }

    /**
     * Assigns the packet to socket {@code socket} (nf_tproxy_assign_sock: {@code skb->sk}), as TPROXY
     * does: the host delivers it to that socket, and never forwards it.
     */
    default void assignSocket(int socket) {
    }
}
