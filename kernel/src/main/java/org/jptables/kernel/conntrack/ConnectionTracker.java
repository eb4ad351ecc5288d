package org.jptables.kernel.conntrack;

import java.util.List;

import org.jptables.api.ConnState;
import org.jptables.api.ConntrackHelpers;
import org.jptables.kernel.packet.ConnectionMarks;
import org.jptables.kernel.packet.PacketView;
import org.jptables.kernel.path.ConnectionTracking;

/**
 * IPv4 connection tracking as Linux 6.x's nf_conntrack does it: {@link #track} is nf_conntrack_in
 * (the first hook: PREROUTING for arriving packets, OUTPUT for those the host sends), {@link #confirm}
 * is the confirmation at the last hook (INPUT or POSTROUTING), {@link #abort} forgets an unconfirmed
 * entry whose packet was dropped.
 *
 * <p>This class is the face the packet path, the tools and the tests use; the work is done where
 * Linux does it:
 * <ul>
 *   <li>{@link ConntrackIn} (nf_conntrack_in): the header checks, the tuple, the entry found or
 *       made, and the protocol tracker's verdict, which this class publishes on the packet;</li>
 *   <li>{@link ConntrackTable} (nf_conntrack_core): the entries, their timeouts, expiry and early
 *       drop, with {@link TupleHash} finding an entry from either tuple and {@link ConntrackZones}
 *       keeping zones apart;</li>
 *   <li>one tracker per protocol: {@link TcpTracker} with {@link TcpStateTable} and {@link TcpWindow},
 *       {@link UdpTracker}, {@link IcmpTracker} (queries, and errors RELATED to the flow they quote),
 *       {@link GreTracker}; any other protocol is tracked by addresses alone (the generic tracker);</li>
 *   <li>the helpers {@link FtpHelper} (with {@link FtpCommands} and {@link FtpLines}) and
 *       {@link TftpHelper}, attached by a CT template, which leave expectations in the
 *       {@link ExpectationTable} (nf_conntrack_expect) for the connections they announce;</li>
 *   <li>{@link NatBinding} (nf_nat_core) and {@link NatReversal}; {@link AnswerAttachment}
 *       (nf_ct_attach); {@link ConntrackProcListing} (/proc/net/nf_conntrack).</li>
 * </ul>
 *
 * <p>Nothing is allocated per packet: entries are rows of primitive arrays, the trackers are made
 * once here and chosen by a switch on the protocol number. Time is the packets' own: every call takes
 * or remembers {@code nowNanos}.
 *
 * <p>Not thread-safe: one tracker per packet path.
 */
public final class ConnectionTracker implements ConnectionTracking, ConnectionMarks {
    /** The packet was dropped because the table is full (same value as {@link ConnectionTracking#TABLE_FULL}). */
    public static final int TABLE_FULL = ConnectionTracking.TABLE_FULL;

    private static final int TCP = TcpTracker.PROTOCOL;

    private final ConntrackConfig config;
    private final ConntrackTable table;
    private final NatBinding nat;
    private final ConntrackIn conntrackIn;
    private final NatReversal natReversal;
    private final AnswerAttachment attachment;
    private final SynproxyHook synproxyHook;
    private final ConntrackProcListing procListing;
    private final FtpHelper ftpHelper;
    private final TftpHelper tftpHelper;

    /** The packet being tracked and its entry: a NAT binding made for it is published on it at once. */
    private PacketView currentView;
    private int currentHandle = -1;

    public ConnectionTracker() {
        this(ConntrackConfig.defaults());
    }

    public ConnectionTracker(ConntrackConfig config) {
        this.config = config;
        this.table = new ConntrackTable(config.maxEntries());
        this.nat = new NatBinding(table);
        this.conntrackIn = new ConntrackIn(config, table, nat);
        this.natReversal = new NatReversal(table);
        this.attachment = new AnswerAttachment(table);
        this.synproxyHook = new SynproxyHook(table);
        this.procListing = new ConntrackProcListing(table);
        this.ftpHelper = new FtpHelper(table);
        this.tftpHelper = new TftpHelper(table);
    }

    public ConntrackConfig config() {
        return config;
    }

    // =====================================================================================
    // nf_conntrack_in
    // =====================================================================================

    /**
     * Classifies the packet as nf_conntrack_in does at the first hook and publishes the result on the
     * view ({@link PacketView#conntrack}). Arriving packets (a non-empty in-interface) are treated as at
     * PREROUTING (checksums verified if configured), packets the host sends as at OUTPUT.
     *
     * @return the entry's handle (>= 0), {@link #INVALID} (no entry: the INVALID state),
     *         or {@link #TABLE_FULL} (the kernel drops the packet)
     */
    @Override
    public int track(PacketView p, long nowNanos) {
        table.now = nowNanos;
        this.currentView = p;
        this.currentHandle = -1;
        table.zones.lookingUp(p.zoneId(), p.zoneDirections());
        int e = conntrackIn.classify(p);
        if (e == TABLE_FULL) {
            p.conntrack(0, 0, 0, 0, 0, 0, 0);
            return TABLE_FULL;
        }
        if (e < 0) {
            return invalid(p);
        }
        currentHandle = e;
        publish(p, e);
        return e;
    }

    private int invalid(PacketView p) {
        p.conntrack(ConnState.INVALID, 0, 0, 0, 0, 0, 0);
        return INVALID;
    }

    /** Publishes the entry's state for the current packet on the view. */
    private void publish(PacketView p, int e) {
        publish(p, e, table.ctinfo[e]);
    }

    private void publish(PacketView p, int e, int info) {
        int base = info >= ConntrackInfo.IS_REPLY ? info - ConntrackInfo.IS_REPLY : info;
        int state = base == ConntrackInfo.ESTABLISHED ? ConnState.ESTABLISHED
                : base == ConntrackInfo.RELATED ? ConnState.RELATED : ConnState.NEW;
        int st = table.status[e];
        if ((st & EntryStatus.SRC_NAT) != 0) {
            state |= ConnState.SNAT;
        }
        if ((st & EntryStatus.DST_NAT) != 0) {
            state |= ConnState.DNAT;
        }
        p.conntrack(state, st & EntryStatus.PUBLIC, table.l4Protocol[e], table.origSrc[e], table.origDst[e],
                table.replySrc[e], table.replyDst[e]);
        long left = (st & EntryStatus.CONFIRMED) != 0
                ? Math.max(0, (table.expires[e] - table.now) / ConntrackTable.SECOND) : 0;
        p.conntrackDetails(info >= ConntrackInfo.IS_REPLY ? 1 : 0, table.origSport[e], table.origDport[e],
                table.replySport[e], table.replyDport[e], left);
        p.ctMasterHelper(table.masterHelper[e]);
        p.ctMasterOriginalSource(table.masterSource[e]);
        p.connection(this, e);
    }

    /** Publishes the entry's state again on the view (e.g. after NAT bound it). */
    public void publish(int handle, PacketView p) {
        publish(p, handle);
    }

    /** The raw table's NOTRACK / CT --notrack: the packet is UNTRACKED. */
    public void markUntracked(PacketView p) {
        p.conntrack(ConnState.UNTRACKED, 0, 0, 0, 0, 0, 0);
    }

    /**
     * A packet the host generates in answer to another one (REJECT's TCP RST) is attached to the
     * cause's entry as RELATED, in the other direction (nf_ct_attach). Publishes and returns the handle.
     */
    @Override
    public int attach(PacketView generated, int causeHandle) {
        if (!attachment.attach(causeHandle)) {
            return invalid(generated);
        }
        publish(generated, causeHandle);
        return causeHandle;
    }

    @Override
    public int attachAsReply(PacketView generated, int causeHandle) {
        if (!attachment.attachAsReply(causeHandle)) {
            return invalid(generated);
        }
        publish(generated, causeHandle);
        return causeHandle;
    }

    @Override
    public void addSynproxy(int handle) {
        if (table.valid(handle)) {
            table.synproxy.add(handle);
        }
    }

    @Override
    public int synproxy(int handle, PacketView packet, SynproxySegments segments) {
        return synproxyHook.run(handle, packet, segments);
    }

    @Override
    public void detach(int causeHandle) {
        attachment.detach(causeHandle);
    }

    // =====================================================================================
    // confirmation, NAT, accessors
    // =====================================================================================

    @Override
    public boolean isNew(int handle) {
        return table.valid(handle)
                && (table.status[handle] & (EntryStatus.IN_USE | EntryStatus.CONFIRMED)) == EntryStatus.IN_USE;
    }

    @Override
    public boolean isReply(int handle) {
        return table.valid(handle) && table.ctinfo[handle] >= ConntrackInfo.IS_REPLY;
    }

    /** The current packet's direction on its entry: 0 original, 1 reply. */
    public int direction(int handle) {
        return isReply(handle) ? 1 : 0;
    }

    @Override
    public boolean natted(int handle, boolean source) {
        return table.valid(handle)
                && (table.status[handle] & (source ? EntryStatus.SRC_NAT : EntryStatus.DST_NAT)) != 0;
    }

    @Override
    public boolean isRelated(int handle) {
        return table.valid(handle) && (table.ctinfo[handle] == ConntrackInfo.RELATED
                || table.ctinfo[handle] == ConntrackInfo.RELATED + ConntrackInfo.IS_REPLY);
    }

    /**
     * nf_confirm before the confirmation: the entry's helper reads the packet as it leaves the last
     * hook (an FTP command, a TFTP request), may leave an expectation and, through NAT, rewrite it;
     * then the sequence numbers of a connection whose segments NAT resized are adjusted (not on
     * lo). False when the helper drops the packet. ICMP errors travelling against the connection
     * (RELATED replies) are left alone.
     *
     * @param local    the packet is delivered to this host (at INPUT, or leaving by lo)
     * @param loopback the packet travels through lo
     */
    @Override
    public boolean help(int handle, PacketView p, boolean local, boolean loopback) {
        if (!table.valid(handle) || (table.status[handle] & EntryStatus.IN_USE) == 0) {
            return true;
        }
        int helper = table.helper[handle];
        int info = table.ctinfo[handle];
        if (info == ConntrackInfo.RELATED + ConntrackInfo.IS_REPLY) {
            return true;
        }
        int l4 = p.headerLength();
        boolean rewrote = false;
        if (helper != ConntrackHelpers.NONE) {
            int len = p.length();
            int tot = p.totalLength();
            if (tot >= 20 && tot < len) {
                len = tot;
            }
            boolean accept = switch (helper) {
                case ConntrackHelpers.FTP -> ftpHelper.help(p, handle, info, l4, len, local);
                case ConntrackHelpers.TFTP -> tftpHelper.help(p, handle, l4, len);
                default -> true; // attached as the kernel attaches it, but not modelled: it expects nothing
            };
            if (!accept) {
                return false;
            }
            rewrote = helper == ConntrackHelpers.FTP && ftpHelper.rewrote();
        }
        if ((table.status[handle] & EntryStatus.SEQ_ADJUST) != 0 && !loopback && p.protocol() == TCP
                && p.length() >= l4 + 20) {
            int dir = info >= ConntrackInfo.IS_REPLY ? 1 : 0;
            table.seqadj.adjust(p, handle, dir, l4, rewrote && !local || p.checksumPartial());
        }
        return true;
    }

    /** nf_ct_set_acct(net, true): connections made from now on count their packets and bytes. */
    @Override
    public void enableAccounting() {
        table.acct.enabled = true;
    }

    /** nf_connlabels_get: connections made from now on get labels (128 bits, all clear). */
    @Override
    public void enableLabels() {
        table.labels.enabled = true;
    }

    @Override
    public int connectionLabel(int handle, int bit) {
        return table.valid(handle) ? table.labels.test(handle, bit) : -1;
    }

    @Override
    public boolean setConnectionLabel(int handle, int bit) {
        return table.valid(handle) && table.labels.set(handle, bit);
    }

    /** The packets counted on the entry in a direction (0 original, 1 reply), -1 without accounting. */
    @Override
    public long connectionPackets(int handle, int direction) {
        return table.valid(handle) ? table.acct.packets(handle, direction) : -1;
    }

    /** The bytes counted on the entry in a direction, -1 without accounting. */
    @Override
    public long connectionBytes(int handle, int direction) {
        return table.valid(handle) ? table.acct.bytes(handle, direction) : -1;
    }

    /**
     * nf_conntrack_find_get for a tuple (in the zone of the packet being tracked): -1 when no
     * confirmed, unexpired entry has it, 1 when one does and is TCP in TIME_WAIT or CLOSE, else 0.
     */
    @Override
    public int lookupTuple(int protocol, int source, int destination, int sourcePort, int destinationPort) {
        int ref = table.lookup(source, destination, sourcePort, destinationPort, protocol);
        if (ref < 0) {
            return -1;
        }
        int e = ref >> 1;
        if (protocol == TCP) {
            int state = table.tcp.state[e];
            return state == TcpStateTable.T_TIME_WAIT || state == TcpStateTable.T_CLOSE ? 1 : 0;
        }
        return 0;
    }

    /** The entry's helper (a ConntrackHelpers id, 0: none). */
    public int helper(int handle) {
        return table.helper[handle];
    }

    /**
     * Confirms the entry (its packet passed the last hook): it enters the table and its timeout starts
     * counting. An entry whose tuple was meanwhile confirmed by another one is discarded and false
     * returned (the kernel's clash: it drops the packet). Confirmed or dead entries are left alone.
     */
    @Override
    public boolean confirm(int handle) {
        if (!isNew(handle)) {
            return true;
        }
        return table.confirm(handle);
    }

    /** Forgets an unconfirmed entry whose packet was dropped; confirmed entries are left alone. */
    @Override
    public void abort(int handle) {
        if (isNew(handle)) {
            table.release(handle);
        }
    }

    @Override
    public boolean natDone(int handle, boolean source) {
        return table.valid(handle)
                && (table.status[handle] & (source ? EntryStatus.SRC_NAT_DONE : EntryStatus.DST_NAT_DONE)) != 0;
    }

    /** Whether NAT bound the entry in either manip (maybe as a null binding). */
    public boolean natBound(int handle) {
        return table.valid(handle)
                && (table.status[handle] & (EntryStatus.SRC_NAT_DONE | EntryStatus.DST_NAT_DONE)) != 0;
    }

    /**
     * nf_nat_setup_info: the original direction's source (SNAT) or destination (DNAT) becomes
     * {@code address}:{@code port} (0: keep that part); the reply tuple becomes the inverse. A source
     * binding whose reply tuple another connection already uses gets another source port (TCP/UDP).
     */
    @Override
    public void bindNat(int handle, boolean source, int minAddress, int maxAddress, int minPort, int maxPort,
                        int flags) {
        if (!table.valid(handle)) {
            return;
        }
        nat.bind(handle, source, minAddress, maxAddress, minPort, maxPort, flags);
        republish(handle);
    }

    /**
     * Sets the entry's reply tuple directly (as nf_nat does when it binds), keeping the table's index
     * right; the SNAT/DNAT status follows from comparing it with the original tuple's inverse.
     */
    public void setReplyTuple(int handle, int srcAddr, int srcPort, int dstAddr, int dstPort) {
        if (!table.valid(handle)) {
            return;
        }
        nat.setReplyTuple(handle, srcAddr, srcPort, dstAddr, dstPort);
        republish(handle);
    }

    private void republish(int e) {
        if (e == currentHandle && currentView != null) {
            publish(currentView, e);
        }
    }

    @Override
    public boolean natted(int handle) {
        return table.valid(handle) && (table.status[handle] & (EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) != 0;
    }

    /**
     * The entry's tuple in a direction into {@code out}: source, destination, source port, destination
     * port. For ICMP queries the "ports" are the echo id and (type << 8 | code).
     */
    @Override
    public void tuple(int handle, boolean reply, int[] out) {
        table.tuple(handle, reply, out);
    }

    public int originalSource(int handle) {
        return table.origSrc[handle];
    }

    public int originalDestination(int handle) {
        return table.origDst[handle];
    }

    public int originalSourcePort(int handle) {
        return table.origSport[handle];
    }

    public int originalDestinationPort(int handle) {
        return table.origDport[handle];
    }

    public int replySource(int handle) {
        return table.replySrc[handle];
    }

    public int replyDestination(int handle) {
        return table.replyDst[handle];
    }

    public int replySourcePort(int handle) {
        return table.replySport[handle];
    }

    public int replyDestinationPort(int handle) {
        return table.replyDport[handle];
    }

    public int protocol(int handle) {
        return table.l4Protocol[handle];
    }

    /** The ConnState.STATUS_* bits of the entry. */
    public int status(int handle) {
        return table.status[handle] & EntryStatus.PUBLIC;
    }

    /** The TCP state's name as /proc shows it ("SYN_SENT", ...), or null for other protocols. */
    public String tcpStateName(int handle) {
        return table.l4Protocol[handle] == TCP ? TcpStateTable.name(table.tcp.state[handle]) : null;
    }

    /** The connection mark (CONNMARK). */
    public int mark(int handle) {
        return table.mark[handle];
    }

    public void setMark(int handle, int value) {
        if (table.valid(handle)) {
            table.mark[handle] = value;
        }
    }

    /** The connection mark a packet attached to the entry reads (0 for a handle no longer valid). */
    @Override
    public int connectionMark(int handle) {
        return table.valid(handle) ? table.mark[handle] : 0;
    }

    @Override
    public void setConnectionMark(int handle, int mark) {
        setMark(handle, mark);
    }

    /** Entries in the table, unconfirmed ones included (nf_conntrack_count), expired ones until removed. */
    public int count() {
        return table.count();
    }

    /** Removes every entry whose timeout passed by {@code nowNanos}. */
    public void expire(long nowNanos) {
        table.now = nowNanos;
        table.sweepExpired();
    }

    /** The table as /proc/net/nf_conntrack prints it (confirmed, unexpired entries), in handle order. */
    public List<String> procLines(long nowNanos) {
        return procListing.lines(nowNanos);
    }

    /** The expectations as /proc/net/nf_conntrack_expect prints them (unexpired ones, in no meaningful order). */
    public List<String> expectationLines(long nowNanos) {
        return table.expectations.lines(nowNanos);
    }

    /** Expectations in the table (nf_conntrack_expect's count), expired ones until removed. */
    public int expectationCount() {
        return table.expectations.count();
    }

    /**
     * Turns a TCP, UDP or ICMP packet as it left the host after NAT back into the packet the host's
     * own stack had sent, before the connection's binding rewrote it: whoever feeds a recorded answer
     * of the host's stack back through the path must give it in that form. Returns whether the
     * packet belonged to a NATed connection (and was rewritten).
     */
    public boolean unNat(byte[] ip, int length) {
        return natReversal.unNat(ip, length);
    }
}
