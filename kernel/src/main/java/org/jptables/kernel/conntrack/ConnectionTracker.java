package org.jptables.kernel.conntrack;

import java.util.ArrayList;
import java.util.List;

import org.jptables.api.Addresses;
import org.jptables.api.ConnState;
import org.jptables.api.Effects;
import org.jptables.kernel.nat.AddressChoice;
import org.jptables.kernel.nat.PacketRewriter;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.PacketView;
import org.jptables.kernel.path.ConnectionTracking;

import static org.jptables.kernel.conntrack.TcpStateTable.*;

/**
 * IPv4 connection tracking as Linux 6.x's nf_conntrack does it: {@link #track} is nf_conntrack_in
 * (the first hook: PREROUTING for arriving packets, OUTPUT for those the host sends), {@link #confirm}
 * is the confirmation at the last hook (INPUT or POSTROUTING), {@link #abort} forgets an unconfirmed
 * entry whose packet was dropped.
 *
 * <p>Protocols: TCP (the kernel's state table and window tracking), UDP (unreplied / replied /
 * stream with ASSURED after two seconds), ICMP queries (echo, timestamp, info, address mask) and
 * ICMP errors (types 3, 4, 5, 11, 12) RELATED to the flow they quote; any other protocol is tracked
 * by addresses alone (the kernel's generic tracker).
 *
 * <p>The table: entries are parallel primitive arrays indexed by the handle; both tuples of a
 * confirmed entry are in an open-addressing hash (linear probing, backward-shift deletion). Nothing
 * is allocated per packet; the arrays grow (doubling) up to {@code maxEntries} plus a small slack
 * for unconfirmed and dying entries. Freed handles are reused in FIFO order, so a handle freed while
 * its packet is still in flight is not handed out again before the packet is done.
 *
 * <p>Time is the packets' own: every call takes or remembers {@code nowNanos}; an entry whose
 * timeout passed is gone (removed when next met, or when the table is full).
 *
 * <p>Not thread-safe: one tracker per packet path.
 */
public final class ConnectionTracker implements ConnectionTracking {
    /** The packet was dropped because the table is full (same value as {@link ConnectionTracking#TABLE_FULL}). */
    public static final int TABLE_FULL = ConnectionTracking.TABLE_FULL;

    private final ConntrackConfig config;
    private final int[] tcpTimeouts;
    private final ConntrackTable table;
    private final TcpConnectionState tcp;

    /** The info of the packet an attached answer borrowed the entry from, or -1. */
    private int attachedFrom = -1;

    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int GRE = 47;
    private static final int GRE_TIMEOUT = 30;
    private static final int GRE_STREAM_TIMEOUT = 180;

    private static final long SECOND = ConntrackTable.SECOND;

    // ---- tcp_in_window results ----
    private static final int WIN_ACCEPT = 0;
    private static final int WIN_IGNORE = 1;
    private static final int WIN_INVALID = 2;

    // ---- protocol handler results ----
    private static final int P_ACCEPT = 0;
    private static final int P_INVALID = 1;
    private static final int P_REPEAT = 2;

    private static final int MAXACKWINCONST = 66000;
    private static final int MAX_WSCALE = 14;

    private PacketView currentView;
    private int currentHandle = -1;

    // scratch for TCP option parsing
    private int optScale;
    private int optFlags;

    public ConnectionTracker() {
        this(ConntrackConfig.defaults());
    }

    public ConnectionTracker(ConntrackConfig config) {
        this.config = config;
        this.tcpTimeouts = config.tcpTimeoutTable();
        this.table = new ConntrackTable(config.maxEntries());
        this.tcp = table.tcp;
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
        String in = p.inInterface();
        boolean pre = !in.isEmpty();
        boolean verify = pre && config.checksum() && !"lo".equals(in);
        int len = p.length();
        int tot = p.totalLength();
        if (tot >= 20 && tot < len) {
            len = tot;
        }
        if (len < 20) {
            return invalid(p);
        }
        int ihl = p.headerLength();
        if (ihl < 20 || ihl > len || p.fragmentOffset() != 0) {
            return invalid(p);
        }
        int protocol = p.protocol();
        int src = p.source();
        int dst = p.destination();
        int l4 = ihl;
        int sport;
        int dport;
        switch (protocol) {
            case ICMP -> {
                if (len - l4 < 8) {
                    return invalid(p);
                }
                if (verify && !checksumOk(p, l4, len, false)) {
                    return invalid(p);
                }
                int type = p.u8(l4);
                if (type > 18) {
                    return invalid(p);
                }
                if (isIcmpError(type)) {
                    return related(p, l4, len);
                }
                sport = p.u16(l4 + 4);
                dport = (type << 8) | p.u8(l4 + 1);
            }
            case TCP, UDP -> {
                if (len - l4 < 4) {
                    return invalid(p);
                }
                sport = p.u16(l4);
                dport = p.u16(l4 + 2);
            }
            default -> {
                sport = 0;
                dport = 0;
            }
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            int ref = table.lookup(src, dst, sport, dport, protocol);
            int e;
            int dir;
            int info;
            boolean created;
            if (ref >= 0) {
                e = ref >> 1;
                dir = ref & 1;
                if (dir == 1) {
                    info = ConntrackInfo.ESTABLISHED + ConntrackInfo.IS_REPLY;
                } else if ((table.status[e] & EntryStatus.SEEN_REPLY) != 0) {
                    info = ConntrackInfo.ESTABLISHED;
                } else if ((table.status[e] & EntryStatus.EXPECTED) != 0) {
                    info = ConntrackInfo.RELATED;
                } else {
                    info = ConntrackInfo.NEW;
                }
                created = false;
            } else {
                int replyDport = dport;
                if (protocol == ICMP) {
                    int inv = icmpInverse(dport >> 8);
                    if (inv < 0) {
                        return invalid(p); // can't invert the tuple
                    }
                    replyDport = (inv << 8) | (dport & 0xFF);
                }
                e = table.newEntry(src, dst, sport, dport, protocol);
                if (e < 0) {
                    p.conntrack(0, 0, 0, 0, 0, 0, 0);
                    return TABLE_FULL;
                }
                table.replySrc[e] = dst;
                table.replyDst[e] = src;
                table.replySport[e] = protocol == ICMP ? sport : dport;
                table.replyDport[e] = protocol == ICMP ? replyDport : sport;
                dir = 0;
                info = ConntrackInfo.NEW;
                created = true;
            }
            table.ctinfo[e] = info;
            int result = switch (protocol) {
                case TCP -> tcpPacket(p, e, dir, l4, len, verify);
                case UDP -> udpPacket(p, e, l4, len, verify);
                case ICMP -> icmpPacket(e);
                case GRE -> grePacket(e);
                default -> genericPacket(e);
            };
            if (result == P_REPEAT) {
                continue;
            }
            if (result == P_INVALID) {
                if (created) {
                    table.release(e);
                }
                return invalid(p);
            }
            if (dir == 1) {
                table.status[e] |= EntryStatus.SEEN_REPLY;
            }
            currentHandle = e;
            publish(p, e);
            return e;
        }
        return invalid(p);
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
        p.conntrack(state, st & EntryStatus.PUBLIC, table.l4Protocol[e], table.origSrc[e], table.origDst[e], table.replySrc[e], table.replyDst[e]);
        long left = (st & EntryStatus.CONFIRMED) != 0 ? Math.max(0, (table.expires[e] - table.now) / SECOND) : 0;
        p.conntrackDetails(info >= ConntrackInfo.IS_REPLY ? 1 : 0, table.origSport[e], table.origDport[e], table.replySport[e], table.replyDport[e], left);
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
        if (causeHandle < 0 || causeHandle >= table.capacity || (table.status[causeHandle] & (EntryStatus.IN_USE | EntryStatus.DYING)) == 0) {
            return invalid(generated);
        }
        boolean causeReply = table.ctinfo[causeHandle] >= ConntrackInfo.IS_REPLY;
        attachedFrom = table.ctinfo[causeHandle];
        table.ctinfo[causeHandle] = causeReply ? ConntrackInfo.RELATED : ConntrackInfo.RELATED + ConntrackInfo.IS_REPLY;
        publish(generated, causeHandle);
        return causeHandle;
    }

    @Override
    public void detach(int causeHandle) {
        if (causeHandle >= 0 && causeHandle < table.capacity && attachedFrom >= 0) {
            table.ctinfo[causeHandle] = attachedFrom;
            attachedFrom = -1;
        }
    }

    // =====================================================================================
    // ICMP
    // =====================================================================================

    private static boolean isIcmpError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** The reply type of an ICMP query type, or -1 if it has none (the tuple can't be inverted). */
    private static int icmpInverse(int type) {
        return switch (type) {
            case 8 -> 0;
            case 0 -> 8;
            case 13 -> 14;
            case 14 -> 13;
            case 15 -> 16;
            case 16 -> 15;
            case 17 -> 18;
            case 18 -> 17;
            default -> -1;
        };
    }

    private int icmpPacket(int e) {
        int type = table.origDport[e] >> 8;
        if (type != 8 && type != 13 && type != 15 && type != 17) {
            return P_INVALID; // can't create a new ICMP "connection" with this type
        }
        table.refresh(e, config.icmp());
        return P_ACCEPT;
    }

    /** An ICMP error: RELATED to the connection its quoted packet belongs to, else INVALID. */
    private int related(PacketView p, int l4, int len) {
        int inner = l4 + 8;
        if (len - inner < 20) {
            return invalid(p);
        }
        int iihl = (p.u8(inner) & 0x0F) * 4;
        if ((p.u16(inner + 6) & 0x1FFF) != 0) {
            return invalid(p);
        }
        int idata = inner + iihl;
        if (idata > len) {
            return invalid(p);
        }
        int iproto = p.u8(inner + 9);
        int isrc = (int) p.u32(inner + 12);
        int idst = (int) p.u32(inner + 16);
        int lsport;
        int ldport;
        switch (iproto) {
            case TCP, UDP -> {
                if (len - idata < 4) {
                    return invalid(p);
                }
                lsport = p.u16(idata + 2);
                ldport = p.u16(idata);
            }
            case ICMP -> {
                if (len - idata < 8) {
                    return invalid(p);
                }
                int inv = icmpInverse(p.u8(idata));
                if (inv < 0) {
                    return invalid(p);
                }
                lsport = p.u16(idata + 4);
                ldport = (inv << 8) | p.u8(idata + 1);
            }
            default -> {
                lsport = 0;
                ldport = 0;
            }
        }
        int ref = table.lookup(idst, isrc, lsport, ldport, iproto);
        if (ref < 0) {
            return invalid(p);
        }
        int e = ref >> 1;
        int dir = ref & 1;
        int ctDst = dir == 0 ? table.origDst[e] : table.replyDst[e];
        if (ctDst != p.destination()) {
            return invalid(p);
        }
        table.ctinfo[e] = dir == 0 ? ConntrackInfo.RELATED : ConntrackInfo.RELATED + ConntrackInfo.IS_REPLY;
        currentHandle = e;
        publish(p, e);
        return e;
    }

    // =====================================================================================
    // UDP and generic
    // =====================================================================================

    private int udpPacket(PacketView p, int e, int l4, int len, boolean verify) {
        if (len - l4 < 8) {
            return P_INVALID;
        }
        int ulen = p.u16(l4 + 4);
        if (ulen > len - l4 || ulen < 8) {
            return P_INVALID;
        }
        if (p.u16(l4 + 6) != 0 && verify && !checksumOk(p, l4, len, true)) {
            return P_INVALID;
        }
        int st = table.status[e];
        if ((st & EntryStatus.CONFIRMED) == 0) {
            table.udpStreamTs[e] = table.now + 2 * SECOND;
        }
        if ((st & EntryStatus.SEEN_REPLY) != 0) {
            int extra = config.udp();
            boolean stream = false;
            if (table.now - table.udpStreamTs[e] > 0) {
                extra = config.udpStream();
                stream = (st & EntryStatus.ASSURED) == 0;
            }
            table.refresh(e, extra);
            if (stream) {
                table.status[e] |= EntryStatus.ASSURED;
            }
        } else {
            table.refresh(e, config.udp());
        }
        return P_ACCEPT;
    }

    /**
     * GRE (nf_conntrack_proto_gre, keys 0 for GRE version 0): 30 s until a reply was seen, then
     * 180 s and ASSURED. These timeouts are fixed in Linux (no sysctl), so they are here too.
     */
    private int grePacket(int e) {
        if ((table.status[e] & EntryStatus.SEEN_REPLY) != 0) {
            table.refresh(e, GRE_STREAM_TIMEOUT);
            table.status[e] |= EntryStatus.ASSURED;
        } else {
            table.refresh(e, GRE_TIMEOUT);
        }
        return P_ACCEPT;
    }

    private int genericPacket(int e) {
        table.refresh(e, config.generic());
        return P_ACCEPT;
    }

    // =====================================================================================
    // TCP
    // =====================================================================================

    private static boolean before(int a, int b) {
        return a - b < 0;
    }

    private static boolean after(int a, int b) {
        return b - a < 0;
    }

    private static int segmentEnd(int seq, int len, int l4, int doff, int flags) {
        return seq + (len - l4 - doff) + ((flags & F_SYN) != 0 ? 1 : 0) + ((flags & F_FIN) != 0 ? 1 : 0);
    }

    private int tcpPacket(PacketView p, int e, int dir, int l4, int len, boolean verify) {
        if (len - l4 < 20) {
            return P_INVALID;
        }
        int doff = (p.u8(l4 + 12) >> 4) * 4;
        if (doff < 20 || len - l4 < doff) {
            return P_INVALID; // truncated packet
        }
        if (verify && !checksumOk(p, l4, len, true)) {
            return P_INVALID; // bad checksum
        }
        int flags = p.u8(l4 + 13);
        if (!TcpStateTable.validFlags(flags)) {
            return P_INVALID; // invalid tcp flag combination
        }
        int seqRaw = (int) p.u32(l4 + 4);
        int ackRaw = (int) p.u32(l4 + 8);
        int winRaw = p.u16(l4 + 14);
        int end = segmentEnd(seqRaw, len, l4, doff, flags);
        if ((table.status[e] & EntryStatus.CONFIRMED) == 0 && !tcpNew(p, e, l4, doff, flags, end, winRaw)) {
            return P_INVALID;
        }
        int old = tcp.state[e];
        int index = TcpStateTable.segmentKind(flags);
        int next = TcpStateTable.next(dir, index, old);
        int a = 2 * e + dir;
        int b = 2 * e + (1 - dir);
        boolean skipWindow = false;

        switch (next) {
            case T_SYN_SENT, T_IGNORE -> {
                if (next == T_SYN_SENT) {
                    if (old < T_TIME_WAIT) {
                        break;
                    }
                    if (((tcp.tdFlags[a] | tcp.tdFlags[b]) & TcpConnectionState.CLOSE_INIT) != 0
                            || (tcp.lastDir[e] == dir && tcp.lastIndex[e] == I_RST)) {
                        // attempt to reopen a closed/aborted connection: delete it and look up again
                        table.kill(e);
                        return P_REPEAT;
                    }
                }
                if (index == I_SYNACK && tcp.lastIndex[e] == I_SYN && tcp.lastDir[e] != dir && ackRaw == tcp.lastEnd[e]) {
                    // the SYN/ACK acknowledges a SYN we ignored: client and server are in sync, we get in sync
                    old = T_SYN_SENT;
                    next = T_SYN_RECV;
                    int l = 2 * e + tcp.lastDir[e];
                    tcp.tdEnd[l] = tcp.lastEnd[e];
                    tcp.tdMaxEnd[l] = tcp.lastEnd[e];
                    tcp.tdMaxWin[l] = tcp.lastWin[e] == 0 ? 1 : tcp.lastWin[e];
                    tcp.tdScale[l] = tcp.lastWscale[e];
                    tcp.lastFlags[e] &= ~TcpConnectionState.EXP_CHALLENGE_ACK;
                    tcp.tdFlags[l] = tcp.lastFlags[e];
                    tcp.resetDirection(a);
                    break;
                }
                tcp.lastIndex[e] = index;
                tcp.lastDir[e] = dir;
                tcp.lastSeq[e] = seqRaw;
                tcp.lastEnd[e] = end;
                tcp.lastWin[e] = winRaw;
                if (index == I_SYN && dir == 0) {
                    tcp.lastFlags[e] = 0;
                    tcp.lastWscale[e] = 0;
                    optScale = 0;
                    optFlags = 0;
                    parseOptions(p, l4, doff);
                    if ((optFlags & TcpConnectionState.WINDOW_SCALE) != 0) {
                        tcp.lastFlags[e] |= TcpConnectionState.WINDOW_SCALE;
                        tcp.lastWscale[e] = optScale;
                    }
                    if ((optFlags & TcpConnectionState.SACK_PERM) != 0) {
                        tcp.lastFlags[e] |= TcpConnectionState.SACK_PERM;
                    }
                    if (old == T_LAST_ACK) {
                        tcp.lastFlags[e] |= TcpConnectionState.EXP_CHALLENGE_ACK;
                    }
                }
                if (old == T_SYN_SENT && index == I_ACK && dir == 1) {
                    tcp.lastAck[e] = ackRaw; // possible challenge ACK answering a SYN
                }
                return P_ACCEPT; // ignored: no state change
            }
            case T_MAX -> {
                return P_INVALID;
            }
            case T_TIME_WAIT -> {
                if (old == T_LAST_ACK && index == I_ACK && tcp.lastDir[e] != dir && tcp.lastIndex[e] == I_SYN
                        && (tcp.lastFlags[e] & TcpConnectionState.EXP_CHALLENGE_ACK) != 0) {
                    tcp.lastFlags[e] &= ~TcpConnectionState.EXP_CHALLENGE_ACK; // an RFC 5961 challenge ACK: not the last ACK
                    return P_ACCEPT;
                }
            }
            case T_SYN_SENT2 -> tcp.lastFlags[e] |= TcpConnectionState.SIMULTANEOUS_OPEN;
            case T_SYN_RECV -> {
                if (dir == 1 && index == I_ACK && (tcp.lastFlags[e] & TcpConnectionState.SIMULTANEOUS_OPEN) != 0) {
                    next = T_ESTABLISHED;
                }
            }
            case T_CLOSE -> {
                if (index != I_RST) {
                    break;
                }
                if (canEarlyDrop(tcp.state[e])) {
                    skipWindow = true;
                    break;
                }
                if ((tcp.tdFlags[b] & TcpConnectionState.MAXACK_SET) != 0 && tcp.lastIndex[e] != I_SYN) {
                    if (seqRaw == 0 && !tcpEstablished(e)) {
                        break;
                    }
                    if (before(seqRaw, tcp.tdMaxAck[b])) {
                        return P_INVALID; // invalid RST
                    }
                    if (!tcpEstablished(e) || seqRaw == tcp.tdMaxAck[b]) {
                        break;
                    }
                    if (tcp.lastIndex[e] == I_ACK && tcp.lastDir[e] == dir && seqRaw == tcp.lastEnd[e]) {
                        break; // RST part of a train
                    }
                    next = old; // keep the state to allow a challenge ACK
                }
                if ((((table.status[e] & EntryStatus.SEEN_REPLY) != 0 && tcp.lastIndex[e] == I_SYN)
                        || ((table.status[e] & EntryStatus.ASSURED) == 0 && tcp.lastIndex[e] == I_ACK))
                        && ackRaw == tcp.lastEnd[e]) {
                    skipWindow = true; // RST answering a SYN or ACK we let through
                    break;
                }
                if (old == T_SYN_SENT && tcp.lastIndex[e] == I_ACK && tcp.lastDir[e] == 1 && seqRaw == tcp.lastAck[e]) {
                    skipWindow = true; // RST answering a challenge ACK we let through
                }
            }
            default -> {
            }
        }

        if (!skipWindow) {
            int res = tcpInWindow(p, e, dir, index, l4, len, doff, flags, seqRaw, ackRaw, winRaw, end);
            if (res == WIN_IGNORE) {
                return P_ACCEPT;
            }
            if (res == WIN_INVALID) {
                handleInvalid(e, dir, index);
                return P_INVALID;
            }
        }
        tcp.lastIndex[e] = index;
        tcp.lastDir[e] = dir;
        tcp.state[e] = next;
        if (old != next && next == T_FIN_WAIT) {
            tcp.tdFlags[a] |= TcpConnectionState.CLOSE_INIT;
        }
        int[] t = tcpTimeouts;
        int timeout;
        if (tcp.retrans[e] >= config.tcpMaxRetrans() && t[next] > t[T_RETRANS]) {
            timeout = t[T_RETRANS];
        } else if (index == I_RST) {
            timeout = t[T_CLOSE];
        } else if (((tcp.tdFlags[2 * e] | tcp.tdFlags[2 * e + 1]) & TcpConnectionState.DATA_UNACKNOWLEDGED) != 0 && t[next] > t[T_UNACK]) {
            timeout = t[T_UNACK];
        } else if (tcp.lastWin[e] == 0 && t[next] > t[T_RETRANS]) {
            timeout = t[T_RETRANS];
        } else {
            timeout = t[next];
        }
        if ((table.status[e] & EntryStatus.SEEN_REPLY) == 0) {
            if ((flags & F_RST) != 0) {
                // the only reply is a RST: no connection, delete the entry at once
                table.kill(e);
                return P_ACCEPT;
            }
            if (index == I_SYN && old == T_SYN_SENT) {
                return P_ACCEPT; // a retransmitted SYN does not renew the timeout
            }
            if (next == T_ESTABLISHED && timeout > t[T_UNACK]) {
                timeout = t[T_UNACK]; // picked up mid-connection
            }
        } else if ((table.status[e] & EntryStatus.ASSURED) == 0 && (old == T_SYN_RECV || old == T_ESTABLISHED)
                && next == T_ESTABLISHED) {
            table.status[e] |= EntryStatus.ASSURED;
        }
        table.refresh(e, timeout);
        return P_ACCEPT;
    }

    private boolean tcpEstablished(int e) {
        return tcp.state[e] == T_ESTABLISHED && (table.status[e] & EntryStatus.ASSURED) != 0;
    }

    private static boolean canEarlyDrop(int state) {
        return state == T_FIN_WAIT || state == T_LAST_ACK || state == T_TIME_WAIT || state == T_CLOSE
                || state == T_CLOSE_WAIT;
    }

    /** tcp_new: the first packet of a connection; false if it can't start one. */
    private boolean tcpNew(PacketView p, int e, int l4, int doff, int flags, int end, int win) {
        int next = TcpStateTable.next(0, TcpStateTable.segmentKind(flags), T_NONE);
        if (next >= T_MAX) {
            return false;
        }
        if (next != T_SYN_SENT && !config.tcpLoose()) {
            return false;
        }
        tcp.reset(e);
        int a = 2 * e;
        tcp.tdEnd[a] = end;
        tcp.tdMaxWin[a] = win == 0 ? 1 : win;
        if (next == T_SYN_SENT) {
            tcp.tdMaxEnd[a] = end;
            optScale = 0;
            optFlags = 0;
            parseOptions(p, l4, doff);
            tcp.tdScale[a] = optScale;
            tcp.tdFlags[a] = optFlags;
        } else {
            // picked up in the middle: assume SACK and be liberal (window scaling is unknown)
            tcp.tdMaxEnd[a] = end + tcp.tdMaxWin[a];
            tcp.tdFlags[a] = TcpConnectionState.SACK_PERM | TcpConnectionState.BE_LIBERAL;
            tcp.tdFlags[a + 1] = TcpConnectionState.SACK_PERM | TcpConnectionState.BE_LIBERAL;
        }
        tcp.lastIndex[e] = I_NONE;
        return true;
    }

    /** Window scale and SACK-permitted options into optScale / optFlags. */
    private void parseOptions(PacketView p, int l4, int doff) {
        int at = l4 + 20;
        int length = doff - 20;
        while (length > 0) {
            int opcode = p.u8(at++);
            if (opcode == 0) {
                return;
            }
            if (opcode == 1) {
                length--;
                continue;
            }
            if (length < 2) {
                return;
            }
            int opsize = p.u8(at++);
            if (opsize < 2 || opsize > length) {
                return;
            }
            if (opcode == 4 && opsize == 2) {
                optFlags |= TcpConnectionState.SACK_PERM;
            } else if (opcode == 3 && opsize == 3) {
                optScale = Math.min(p.u8(at), MAX_WSCALE);
                optFlags |= TcpConnectionState.WINDOW_SCALE;
            }
            at += opsize - 2;
            length -= opsize;
        }
    }

    /** The highest right edge of the SACK blocks, or {@code sack}. */
    private static int sackEdge(PacketView p, int l4, int doff, int sack) {
        int at = l4 + 20;
        int length = doff - 20;
        if (length == 12 && p.u32(at) == 0x0101080AL) {
            return sack; // timestamp only
        }
        while (length > 0) {
            int opcode = p.u8(at++);
            if (opcode == 0) {
                return sack;
            }
            if (opcode == 1) {
                length--;
                continue;
            }
            if (length < 2) {
                return sack;
            }
            int opsize = p.u8(at++);
            if (opsize < 2 || opsize > length) {
                return sack;
            }
            if (opcode == 5 && opsize >= 10 && (opsize - 2) % 8 == 0) {
                for (int i = 0; i < opsize - 2; i += 8) {
                    int edge = (int) p.u32(at + i + 4);
                    if (after(edge, sack)) {
                        sack = edge;
                    }
                }
                return sack;
            }
            at += opsize - 2;
            length -= opsize;
        }
        return sack;
    }

    private void initSender(PacketView p, int s, int r, int dir, int l4, int doff, int end, int win) {
        tcp.tdEnd[s] = end;
        tcp.tdMaxEnd[s] = end;
        tcp.tdMaxWin[s] = win == 0 ? 1 : win;
        optScale = 0;
        optFlags = 0;
        parseOptions(p, l4, doff);
        tcp.tdScale[s] = optScale;
        tcp.tdFlags[s] = (tcp.tdFlags[s] & TcpConnectionState.BE_LIBERAL) | optFlags;
        if (dir == 1 && !((tcp.tdFlags[s] & TcpConnectionState.WINDOW_SCALE) != 0 && (tcp.tdFlags[r] & TcpConnectionState.WINDOW_SCALE) != 0)) {
            tcp.tdScale[s] = 0;
            tcp.tdScale[r] = 0;
        }
    }

    private int logInvalid(int s, int result) {
        if ((tcp.tdFlags[s] & TcpConnectionState.BE_LIBERAL) != 0 || config.tcpBeLiberal()) {
            return WIN_ACCEPT;
        }
        return result;
    }

    private static int maxAckWindow(int maxwin) {
        return Integer.compareUnsigned(maxwin, MAXACKWINCONST) > 0 ? maxwin : MAXACKWINCONST;
    }

    /** tcp_in_window: sequence and acknowledgement checks, and the window bookkeeping. */
    private int tcpInWindow(PacketView p, int e, int dir, int index, int l4, int len, int doff, int flags,
                            int seq, int ack, int winRaw, int end) {
        int s = 2 * e + dir;
        int r = 2 * e + (1 - dir);
        int sack = ack;
        int win = winRaw;
        if ((tcp.tdFlags[r] & TcpConnectionState.SACK_PERM) != 0) {
            sack = sackEdge(p, l4, doff, sack);
        }
        if (tcp.tdMaxWin[s] == 0) {
            if ((flags & F_SYN) != 0) {
                initSender(p, s, r, dir, l4, doff, end, win);
                if ((flags & F_ACK) == 0) {
                    return WIN_ACCEPT; // simultaneous open
                }
            } else {
                // in the middle of a connection: take what the packet says
                tcp.tdEnd[s] = end;
                int swin = win << tcp.tdScale[s];
                tcp.tdMaxWin[s] = swin == 0 ? 1 : swin;
                tcp.tdMaxEnd[s] = end + tcp.tdMaxWin[s];
                if (tcp.tdMaxWin[r] == 0) {
                    tcp.tdEnd[r] = sack;
                    tcp.tdMaxEnd[r] = sack;
                } else if (sack == tcp.tdEnd[r] + 1) {
                    tcp.tdEnd[r]++; // likely a reply to a keepalive
                }
            }
        } else if ((flags & F_SYN) != 0 && after(end, tcp.tdEnd[s])
                && (tcp.state[e] == T_SYN_SENT || tcp.state[e] == T_SYN_RECV)) {
            // a reinitialized SYN(-ACK) with a higher sequence number
            initSender(p, s, r, dir, l4, doff, end, win);
            if (dir == 1 && (flags & F_ACK) == 0) {
                return WIN_ACCEPT;
            }
        }
        if ((flags & F_ACK) == 0) {
            ack = tcp.tdEnd[r];
            sack = ack;
        } else if ((flags & (F_ACK | F_RST)) == (F_ACK | F_RST) && ack == 0) {
            ack = tcp.tdEnd[r]; // broken stacks: RST+ACK with a zero ack
            sack = ack;
        }
        if ((flags & F_RST) != 0 && seq == 0 && tcp.state[e] == T_SYN_SENT) {
            seq = tcp.tdEnd[s]; // RST answering a SYN
            end = seq;
        }
        boolean seqOk = before(seq, tcp.tdMaxEnd[s] + 1);
        if (!seqOk) {
            int overshot = end - tcp.tdMaxEnd[s] + 1;
            boolean ackOk = after(sack, tcp.tdEnd[r] - maxAckWindow(tcp.tdMaxWin[s]) - 1);
            boolean inRecvWin = tcp.tdMaxWin[r] != 0 && after(end, tcp.tdEnd[s] - tcp.tdMaxWin[r] - 1);
            if (inRecvWin && ackOk && Integer.compareUnsigned(overshot, tcp.tdMaxWin[r]) <= 0
                    && before(sack, tcp.tdEnd[r] + 1)) {
                // more bytes than the window allows: remember them so their ACK is in window
                tcp.tdEnd[s] = end;
                tcp.tdFlags[s] |= TcpConnectionState.DATA_UNACKNOWLEDGED;
                return logInvalid(s, WIN_IGNORE);
            }
            return logInvalid(s, WIN_INVALID); // SEQ is over the upper bound
        }
        if (!before(sack, tcp.tdEnd[r] + 1)) {
            return logInvalid(s, WIN_INVALID); // ACK is over the upper bound (ACKed data not seen yet)
        }
        boolean inRecvWin = tcp.tdMaxWin[r] == 0 || after(end, tcp.tdEnd[s] - tcp.tdMaxWin[r] - 1);
        if (!inRecvWin) {
            return logInvalid(s, WIN_IGNORE); // SEQ under the lower bound (retransmitted)
        }
        if (!after(sack, tcp.tdEnd[r] - maxAckWindow(tcp.tdMaxWin[s]) - 1)) {
            return logInvalid(s, WIN_IGNORE); // ACK under the lower bound
        }
        if ((flags & F_SYN) == 0) {
            win <<= tcp.tdScale[s];
        }
        int swin = win + (sack - ack);
        if (Integer.compareUnsigned(tcp.tdMaxWin[s], swin) < 0) {
            tcp.tdMaxWin[s] = swin;
        }
        if (after(end, tcp.tdEnd[s])) {
            tcp.tdEnd[s] = end;
            tcp.tdFlags[s] |= TcpConnectionState.DATA_UNACKNOWLEDGED;
        }
        if ((flags & F_ACK) != 0) {
            if ((tcp.tdFlags[s] & TcpConnectionState.MAXACK_SET) == 0) {
                tcp.tdMaxAck[s] = ack;
                tcp.tdFlags[s] |= TcpConnectionState.MAXACK_SET;
            } else if (after(ack, tcp.tdMaxAck[s])) {
                tcp.tdMaxAck[s] = ack;
            }
        }
        if (tcp.tdMaxWin[r] != 0 && after(end, tcp.tdMaxEnd[s])) {
            tcp.tdMaxWin[r] += end - tcp.tdMaxEnd[s];
        }
        if (after(sack + win, tcp.tdMaxEnd[r] - 1)) {
            tcp.tdMaxEnd[r] = sack + win;
            if (win == 0) {
                tcp.tdMaxEnd[r]++;
            }
        }
        if (ack == tcp.tdEnd[r]) {
            tcp.tdFlags[r] &= ~TcpConnectionState.DATA_UNACKNOWLEDGED;
        }
        if (index == I_ACK) {
            if (tcp.lastDir[e] == dir && tcp.lastSeq[e] == seq && tcp.lastAck[e] == ack && tcp.lastEnd[e] == end
                    && tcp.lastWin[e] == winRaw) {
                tcp.retrans[e]++;
            } else {
                tcp.lastDir[e] = dir;
                tcp.lastSeq[e] = seq;
                tcp.lastAck[e] = ack;
                tcp.lastEnd[e] = end;
                tcp.lastWin[e] = winRaw;
                tcp.retrans[e] = 0;
            }
        }
        return WIN_ACCEPT;
    }

    /** nf_tcp_handle_invalid: an out-of-window FIN/RST answering one from the other side shortens the timeout. */
    private void handleInvalid(int e, int dir, int index) {
        if ((table.status[e] & EntryStatus.ASSURED) == 0 || (index != I_RST && index != I_FIN)) {
            return;
        }
        if (tcp.lastDir[e] != dir && (tcp.lastIndex[e] == I_FIN || tcp.lastIndex[e] == I_RST)) {
            if ((table.status[e] & EntryStatus.CONFIRMED) == 0) {
                return;
            }
            long left = table.expires[e] - table.now;
            if (left < 120 * SECOND) {
                return;
            }
            long unack = tcpTimeouts[T_UNACK] * SECOND;
            if (left > unack) {
                table.setExpiry(e, table.now + unack);
            }
        } else {
            tcp.lastIndex[e] = index;
            tcp.lastDir[e] = dir;
        }
    }

    // =====================================================================================
    // checksums
    // =====================================================================================

    private static boolean checksumOk(PacketView p, int l4, int len, boolean pseudo) {
        byte[] b = p.bytes();
        int base = p.offset();
        long sum = 0;
        if (pseudo) {
            sum += p.u16(12) + p.u16(14) + p.u16(16) + p.u16(18) + p.protocol() + (len - l4);
        }
        int i = base + l4;
        int stop = base + len;
        for (; i + 1 < stop; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        if (i < stop) {
            sum += (b[i] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum == 0xFFFF;
    }

    // =====================================================================================
    // confirmation, NAT, accessors (the packet path's side)
    // =====================================================================================

    @Override
    public boolean isNew(int handle) {
        return table.valid(handle) && (table.status[handle] & (EntryStatus.IN_USE | EntryStatus.CONFIRMED)) == EntryStatus.IN_USE;
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
        return table.valid(handle) && (table.status[handle] & (source ? EntryStatus.SRC_NAT : EntryStatus.DST_NAT)) != 0;
    }

    @Override
    public boolean isRelated(int handle) {
        return table.valid(handle) && (table.ctinfo[handle] == ConntrackInfo.RELATED || table.ctinfo[handle] == ConntrackInfo.RELATED + ConntrackInfo.IS_REPLY);
    }

    /**
     * Confirms the entry (its packet passed the last hook): it enters the table and its timeout starts
     * counting. An entry whose tuple was meanwhile confirmed by another one is discarded and false
     * returned (the kernel's clash: it drops the packet). Confirmed or dead entries are left alone.
     */
    @Override
    public boolean confirm(int handle) {
        if (!table.valid(handle) || (table.status[handle] & (EntryStatus.IN_USE | EntryStatus.CONFIRMED)) != EntryStatus.IN_USE) {
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
        return table.valid(handle) && (table.status[handle] & (source ? EntryStatus.SRC_NAT_DONE : EntryStatus.DST_NAT_DONE)) != 0;
    }

    /** Whether NAT bound the entry in either manip (maybe as a null binding). */
    public boolean natBound(int handle) {
        return table.valid(handle) && (table.status[handle] & (EntryStatus.SRC_NAT_DONE | EntryStatus.DST_NAT_DONE)) != 0;
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
        int e = handle;
        int p = table.l4Protocol[e];
        boolean ports = p == TCP || p == UDP;
        // the current tuple: the inverse of the reply
        int cSrc = table.replyDst[e];
        int cDst = table.replySrc[e];
        int cSport = table.replyDport[e];
        int cDport = table.replySport[e];
        if (p == ICMP) {
            cSport = table.replySport[e];
            cDport = table.origDport[e];
        }
        boolean persistent = (flags & Effects.NAT_PERSISTENT) != 0;
        if (source) {
            boolean keep = (minAddress == 0 || inRange(cSrc, minAddress, maxAddress))
                    && (!ports || minPort == 0 || (cSport >= minPort && cSport <= maxPort))
                    && !(ports && taken(e, cDst, cSrc, cDport, cSport, p));
            if (!keep) {
                if (minAddress != 0) {
                    cSrc = AddressChoice.pick(cSrc, cDst, minAddress, maxAddress, persistent);
                }
                if (ports) {
                    cSport = sourcePort(e, cSrc, cDst, cSport, cDport, minPort, maxPort, p);
                }
            }
        } else {
            if (minAddress != 0) {
                cDst = AddressChoice.pick(cSrc, cDst, minAddress, maxAddress, persistent);
            }
            if (ports && minPort != 0) {
                cDport = destinationPort(e, cSrc, cDst, cSport, cDport, minPort, maxPort, p);
            }
        }
        int nrSrc = cDst;
        int nrDst = cSrc;
        int nrSport = p == ICMP ? cSport : cDport;
        int nrDport = p == ICMP ? table.replyDport[e] : cSport;
        if (nrSrc != table.replySrc[e] || nrDst != table.replyDst[e] || nrSport != table.replySport[e] || nrDport != table.replyDport[e]) {
            table.replaceReply(e, nrSrc, nrSport, nrDst, nrDport);
            table.status[e] |= source ? EntryStatus.SRC_NAT : EntryStatus.DST_NAT;
        }
        table.status[e] |= source ? EntryStatus.SRC_NAT_DONE : EntryStatus.DST_NAT_DONE;
        republish(e);
    }

    /**
     * Sets the entry's reply tuple directly (as nf_nat does when it binds), keeping the table's index
     * right; the SNAT/DNAT status follows from comparing it with the original tuple's inverse.
     */
    public void setReplyTuple(int handle, int srcAddr, int srcPort, int dstAddr, int dstPort) {
        if (!table.valid(handle)) {
            return;
        }
        int e = handle;
        table.replaceReply(e, srcAddr, srcPort, dstAddr, dstPort);
        boolean icmp = table.l4Protocol[e] == ICMP;
        boolean snat = table.replyDst[e] != table.origSrc[e] || (!icmp && table.replyDport[e] != table.origSport[e]) || (icmp && table.replySport[e] != table.origSport[e]);
        boolean dnat = table.replySrc[e] != table.origDst[e] || (!icmp && table.replySport[e] != table.origDport[e]);
        table.status[e] = (table.status[e] & ~(EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) | (snat ? EntryStatus.SRC_NAT : 0) | (dnat ? EntryStatus.DST_NAT : 0);
        republish(e);
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
        int e = handle;
        if (reply) {
            out[0] = table.replySrc[e];
            out[1] = table.replyDst[e];
            out[2] = table.replySport[e];
            out[3] = table.replyDport[e];
        } else {
            out[0] = table.origSrc[e];
            out[1] = table.origDst[e];
            out[2] = table.origSport[e];
            out[3] = table.origDport[e];
        }
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
        return table.l4Protocol[handle] == TCP ? TcpStateTable.name(tcp.state[handle]) : null;
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
        table.now = nowNanos;
        List<String> lines = new ArrayList<>();
        for (int e = 0; e < table.capacity; e++) {
            if ((table.status[e] & (EntryStatus.IN_USE | EntryStatus.CONFIRMED)) != (EntryStatus.IN_USE | EntryStatus.CONFIRMED)) {
                continue;
            }
            if (table.expires[e] - nowNanos <= 0) {
                table.kill(e);
                continue;
            }
            lines.add(procLine(e, nowNanos));
        }
        return lines;
    }

    private String procLine(int e, long nowNanos) {
        StringBuilder s = new StringBuilder(200);
        int p = table.l4Protocol[e];
        s.append("ipv4     2 ");
        String name = protoName(p);
        s.append(name);
        for (int i = name.length(); i < 8; i++) {
            s.append(' ');
        }
        s.append(' ').append(p).append(' ');
        s.append((table.expires[e] - nowNanos) / SECOND).append(' ');
        if (p == TCP) {
            s.append(TcpStateTable.name(tcp.state[e])).append(' ');
        } else if (p == GRE) {
            s.append("timeout=").append(GRE_TIMEOUT).append(", stream_timeout=").append(GRE_STREAM_TIMEOUT).append(' ');
        }
        appendTuple(s, p, table.origSrc[e], table.origDst[e], table.origSport[e], table.origDport[e]);
        if (table.zones.directions[e] == 1) {
            s.append("zone-orig=").append(table.zones.id[e]).append(' ');
        }
        if ((table.status[e] & EntryStatus.SEEN_REPLY) == 0) {
            s.append("[UNREPLIED] ");
        }
        appendTuple(s, p, table.replySrc[e], table.replyDst[e], table.replySport[e], table.replyDport[e]);
        if (table.zones.directions[e] == 2) {
            s.append("zone-reply=").append(table.zones.id[e]).append(' ');
        }
        if ((table.status[e] & EntryStatus.ASSURED) != 0) {
            s.append("[ASSURED] ");
        }
        s.append("mark=").append(Integer.toUnsignedString(table.mark[e])).append(' ');
        if (table.zones.directions[e] == 3) {
            s.append("zone=").append(table.zones.id[e]).append(' ');
        }
        s.append("use=2");
        return s.toString();
    }

    private static void appendTuple(StringBuilder s, int p, int src, int dst, int sport, int dport) {
        s.append("src=").append(Addresses.format(src)).append(" dst=").append(Addresses.format(dst)).append(' ');
        if (p == TCP || p == UDP) {
            s.append("sport=").append(sport).append(" dport=").append(dport).append(' ');
        } else if (p == GRE) {
            s.append("srckey=0x0 dstkey=0x0 ");
        } else if (p == ICMP) {
            s.append("type=").append(dport >> 8).append(" code=").append(dport & 0xFF).append(" id=").append(sport)
                    .append(' ');
        }
    }

    private static String protoName(int p) {
        return switch (p) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP -> "icmp";
            case 33 -> "dccp";
            case 47 -> "gre";
            case 132 -> "sctp";
            case 136 -> "udplite";
            case 58 -> "icmpv6";
            default -> "unknown";
        };
    }

    private void republish(int e) {
        if (e == currentHandle && currentView != null) {
            publish(currentView, e);
        }
    }

    /** nf_nat_used_tuple: whether another entry has the reply tuple inverse to (src,dst,sport,dport). */
    private boolean taken(int self, int replySrc, int replyDst, int replySport, int replyDport, int p) {
        int ref = table.hash.find(replySrc, replyDst, replySport, replyDport, p);
        return ref >= 0 && (ref >> 1) != self;
    }

    private static boolean inRange(int address, int min, int max) {
        return Integer.compareUnsigned(address, min) >= 0 && Integer.compareUnsigned(address, max) <= 0;
    }

    /**
     * The SNAT source port: kept when in the range and unique; else the first free port of the range
     * (the kernel starts at a random offset there, so a clash may pick another port on Linux), or,
     * with no range given, another port of the same class.
     */
    private int sourcePort(int e, int src, int dst, int sport, int dport, int min, int max, int p) {
        if (min == 0) {
            return taken(e, dst, src, dport, sport, p) ? freeSourcePort(e, src, dst, sport, dport, p) : sport;
        }
        if (sport >= min && sport <= max && (min == max || !taken(e, dst, src, dport, sport, p))) {
            return sport;
        }
        for (int candidate = min; candidate <= max; candidate++) {
            if (!taken(e, dst, src, dport, candidate, p)) {
                return candidate;
            }
        }
        return min;
    }

    /** The DNAT destination port: kept when in the range and unique, else the range's first free port from its start, as the kernel (no random offset for DNAT). */
    private int destinationPort(int e, int src, int dst, int sport, int dport, int min, int max, int p) {
        if (dport >= min && dport <= max && (min == max || !taken(e, dst, src, dport, sport, p))) {
            return dport;
        }
        for (int candidate = min; candidate <= max; candidate++) {
            if (!taken(e, dst, src, candidate, sport, p)) {
                return candidate;
            }
        }
        return min;
    }

    /** Another source port for a clashing SNAT, searched in the port's class as nf_nat does (1-511, 600-1023, 1024-65535). */
    private int freeSourcePort(int e, int src, int dst, int sport, int dport, int p) {
        int lo;
        int hi;
        if (sport < 512) {
            lo = 1;
            hi = 511;
        } else if (sport < 1024) {
            lo = 600;
            hi = 1023;
        } else {
            lo = 1024;
            hi = 65535;
        }
        int size = hi - lo + 1;
        int start = Math.max(sport, lo) - lo;
        for (int i = 1; i <= size; i++) {
            int candidate = lo + (start + i) % size;
            if (!taken(e, dst, src, dport, candidate, p)) {
                return candidate;
            }
        }
        return sport;
    }

    /**
     * Turns a TCP or UDP packet as it left the host after NAT back into the packet the host's own
     * stack had sent, before the connection's binding rewrote it: whoever feeds a recorded answer
     * of the host's stack back through the path must give it in that form. Returns whether the
     * packet belonged to a NATed connection (and was rewritten).
     */
    public boolean unNat(byte[] ip, int length) {
        if (length < 20) {
            return false;
        }
        int protocol = ip[9] & 0xff;
        int l4 = (ip[0] & 0x0f) * 4;
        if (protocol == ICMP) {
            return unNatIcmp(ip, length, l4);
        }
        if ((protocol != TCP && protocol != UDP) || length < l4 + 4) {
            return false;
        }
        int src = get32(ip, 12);
        int dst = get32(ip, 16);
        int sport = ((ip[l4] & 0xff) << 8) | (ip[l4 + 1] & 0xff);
        int dport = ((ip[l4 + 2] & 0xff) << 8) | (ip[l4 + 3] & 0xff);
        // a packet on the wire is the inverse of the other direction's tuple
        int ref = table.hash.find(dst, src, dport, sport, protocol);
        if (ref < 0 || (table.status[ref >> 1] & (EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) == 0) {
            return false;
        }
        int[] t = new int[4];
        tuple(ref >> 1, (ref & 1) == 0, t);
        PacketRewriter.address(ip, 0, length, true, t[0]);
        PacketRewriter.address(ip, 0, length, false, t[1]);
        PacketRewriter.port(ip, 0, length, true, t[2]);
        PacketRewriter.port(ip, 0, length, false, t[3]);
        return true;
    }

    /**
     * {@link #unNat} for ICMP: a query answer (echo reply) goes back to the addresses of its entry's
     * other tuple; an error gets the outer destination and the quoted packet's source as they were
     * before the binding rewrote them, and its checksum again.
     */
    private boolean unNatIcmp(byte[] ip, int length, int l4) {
        if (length < l4 + 8) {
            return false;
        }
        int type = ip[l4] & 0xff;
        int inverse = icmpInverse(type);
        int[] t = new int[4];
        if (inverse >= 0) {
            int id = ((ip[l4 + 4] & 0xff) << 8) | (ip[l4 + 5] & 0xff);
            int ref = table.hash.find(get32(ip, 16), get32(ip, 12), id, (inverse << 8) | (ip[l4 + 1] & 0xff), ICMP);
            if (ref < 0 || (table.status[ref >> 1] & (EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) == 0) {
                return false;
            }
            tuple(ref >> 1, (ref & 1) == 0, t);
            PacketRewriter.address(ip, 0, length, true, t[0]);
            PacketRewriter.address(ip, 0, length, false, t[1]);
            return true;
        }
        if (type != 3 && type != 11 && type != 12 && type != 4 && type != 5) {
            return false;
        }
        int inner = l4 + 8;
        if (length < inner + 20) {
            return false;
        }
        int innerL4 = inner + (ip[inner] & 0x0f) * 4;
        int innerProto = ip[inner + 9] & 0xff;
        if ((innerProto != TCP && innerProto != UDP) || length < innerL4 + 4) {
            return false;
        }
        int sport = ((ip[innerL4] & 0xff) << 8) | (ip[innerL4 + 1] & 0xff);
        int dport = ((ip[innerL4 + 2] & 0xff) << 8) | (ip[innerL4 + 3] & 0xff);
        int ref = table.hash.find(get32(ip, inner + 12), get32(ip, inner + 16), sport, dport, innerProto);
        if (ref < 0 || (table.status[ref >> 1] & (EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) == 0) {
            return false;
        }
        // the quoted packet as it went out after NAT: the inverse of the other direction's tuple
        tuple(ref >> 1, (ref & 1) == 0, t);
        int innerLength = length - inner;
        PacketRewriter.address(ip, inner, innerLength, true, t[1]);
        PacketRewriter.address(ip, inner, innerLength, false, t[0]);
        PacketRewriter.port(ip, inner, innerLength, true, t[3]);
        PacketRewriter.port(ip, inner, innerLength, false, t[2]);
        ip[l4 + 2] = 0;
        ip[l4 + 3] = 0;
        int sum = Checksums.finish(Checksums.sum(ip, l4, length - l4, 0));
        ip[l4 + 2] = (byte) (sum >>> 8);
        ip[l4 + 3] = (byte) sum;
        PacketRewriter.address(ip, 0, length, false, t[1]);
        return true;
    }

    private static int get32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

}
