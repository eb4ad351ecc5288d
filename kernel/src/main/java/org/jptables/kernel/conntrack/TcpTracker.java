package org.jptables.kernel.conntrack;

import static org.jptables.kernel.conntrack.TcpConnectionState.BE_LIBERAL;
import static org.jptables.kernel.conntrack.TcpConnectionState.CLOSE_INIT;
import static org.jptables.kernel.conntrack.TcpConnectionState.DATA_UNACKNOWLEDGED;
import static org.jptables.kernel.conntrack.TcpConnectionState.EXP_CHALLENGE_ACK;
import static org.jptables.kernel.conntrack.TcpConnectionState.MAXACK_SET;
import static org.jptables.kernel.conntrack.TcpConnectionState.SACK_PERM;
import static org.jptables.kernel.conntrack.TcpConnectionState.SIMULTANEOUS_OPEN;
import static org.jptables.kernel.conntrack.TcpConnectionState.WINDOW_SCALE;
import static org.jptables.kernel.conntrack.TcpStateTable.F_FIN;
import static org.jptables.kernel.conntrack.TcpStateTable.F_RST;
import static org.jptables.kernel.conntrack.TcpStateTable.F_SYN;
import static org.jptables.kernel.conntrack.TcpStateTable.I_ACK;
import static org.jptables.kernel.conntrack.TcpStateTable.I_FIN;
import static org.jptables.kernel.conntrack.TcpStateTable.I_NONE;
import static org.jptables.kernel.conntrack.TcpStateTable.I_RST;
import static org.jptables.kernel.conntrack.TcpStateTable.I_SYN;
import static org.jptables.kernel.conntrack.TcpStateTable.I_SYNACK;
import static org.jptables.kernel.conntrack.TcpStateTable.T_CLOSE;
import static org.jptables.kernel.conntrack.TcpStateTable.T_CLOSE_WAIT;
import static org.jptables.kernel.conntrack.TcpStateTable.T_ESTABLISHED;
import static org.jptables.kernel.conntrack.TcpStateTable.T_FIN_WAIT;
import static org.jptables.kernel.conntrack.TcpStateTable.T_IGNORE;
import static org.jptables.kernel.conntrack.TcpStateTable.T_LAST_ACK;
import static org.jptables.kernel.conntrack.TcpStateTable.T_MAX;
import static org.jptables.kernel.conntrack.TcpStateTable.T_NONE;
import static org.jptables.kernel.conntrack.TcpStateTable.T_RETRANS;
import static org.jptables.kernel.conntrack.TcpStateTable.T_SYN_RECV;
import static org.jptables.kernel.conntrack.TcpStateTable.T_SYN_SENT;
import static org.jptables.kernel.conntrack.TcpStateTable.T_SYN_SENT2;
import static org.jptables.kernel.conntrack.TcpStateTable.T_TIME_WAIT;
import static org.jptables.kernel.conntrack.TcpStateTable.T_UNACK;

import org.jptables.kernel.packet.PacketView;

/**
 * The TCP tracker (nf_conntrack_proto_tcp): moves an entry through the TCP states, with the
 * exceptions the kernel makes for retransmitted and ignored SYNs, challenge ACKs, RSTs and
 * simultaneous open, and picks the timeout that follows. Window checks are TcpWindow's. One per
 * ConnectionTracker; it holds no per-packet state.
 */
final class TcpTracker {
    static final int PROTOCOL = 6;
    private static final long SECOND = ConntrackTable.SECOND;

    private final ConntrackTable table;
    private final TcpConnectionState tcp;
    private final TcpWindow window;
    /** The timeouts in seconds, indexed by state (ConntrackConfig.tcpTimeoutTable). */
    private final int[] timeouts;
    private final int maxRetrans;
    private final boolean loose;

    TcpTracker(ConntrackTable table, ConntrackConfig config) {
        this.table = table;
        this.tcp = table.tcp;
        this.window = new TcpWindow(table.tcp, table.seqadj, config.tcpBeLiberal());
        this.timeouts = config.tcpTimeoutTable();
        this.maxRetrans = config.tcpMaxRetrans();
        this.loose = config.tcpLoose();
    }

    /** The sequence number after the segment: SYN and FIN count as one byte each. */
    private static int segmentEnd(int seq, int len, int l4, int doff, int flags) {
        return seq + (len - l4 - doff) + ((flags & F_SYN) != 0 ? 1 : 0) + ((flags & F_FIN) != 0 ? 1 : 0);
    }

    /** tcp_packet: the segment's checks, its state transition, and the entry's new timeout. */
    int packet(PacketView p, int e, int dir, int l4, int len, boolean verify) {
        if (len - l4 < 20) {
            return ProtocolVerdict.INVALID;
        }
        int doff = (p.u8(l4 + 12) >> 4) * 4;
        if (doff < 20 || len - l4 < doff) {
            return ProtocolVerdict.INVALID; // truncated packet
        }
        if (verify && !Layer4Checksum.valid(p, l4, len, true)) {
            return ProtocolVerdict.INVALID; // bad checksum
        }
        int flags = p.u8(l4 + 13);
        if (!TcpStateTable.validFlags(flags)) {
            return ProtocolVerdict.INVALID; // invalid tcp flag combination
        }
        int seqRaw = (int) p.u32(l4 + 4);
        int ackRaw = (int) p.u32(l4 + 8);
        int winRaw = p.u16(l4 + 14);
        int end = segmentEnd(seqRaw, len, l4, doff, flags);
        if ((table.status[e] & EntryStatus.CONFIRMED) == 0 && !tcpNew(p, e, l4, doff, flags, end, winRaw)) {
            return ProtocolVerdict.INVALID;
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
                    if (((tcp.tdFlags[a] | tcp.tdFlags[b]) & CLOSE_INIT) != 0
                            || (tcp.lastDir[e] == dir && tcp.lastIndex[e] == I_RST)) {
                        // attempt to reopen a closed/aborted connection: delete it and look up again
                        table.kill(e);
                        return ProtocolVerdict.REPEAT;
                    }
                }
                if (index == I_SYNACK && tcp.lastIndex[e] == I_SYN && tcp.lastDir[e] != dir
                        && ackRaw == tcp.lastEnd[e]) {
                    // the SYN/ACK acknowledges a SYN we ignored: client and server are in sync, we get in sync
                    old = T_SYN_SENT;
                    next = T_SYN_RECV;
                    int l = 2 * e + tcp.lastDir[e];
                    tcp.tdEnd[l] = tcp.lastEnd[e];
                    tcp.tdMaxEnd[l] = tcp.lastEnd[e];
                    tcp.tdMaxWin[l] = tcp.lastWin[e] == 0 ? 1 : tcp.lastWin[e];
                    tcp.tdScale[l] = tcp.lastWscale[e];
                    tcp.lastFlags[e] &= ~EXP_CHALLENGE_ACK;
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
                    window.parseOptions(p, l4, doff);
                    if ((window.optFlags & WINDOW_SCALE) != 0) {
                        tcp.lastFlags[e] |= WINDOW_SCALE;
                        tcp.lastWscale[e] = window.optScale;
                    }
                    if ((window.optFlags & SACK_PERM) != 0) {
                        tcp.lastFlags[e] |= SACK_PERM;
                    }
                    if (old == T_LAST_ACK) {
                        tcp.lastFlags[e] |= EXP_CHALLENGE_ACK;
                    }
                }
                if (old == T_SYN_SENT && index == I_ACK && dir == 1) {
                    tcp.lastAck[e] = ackRaw; // possible challenge ACK answering a SYN
                }
                return ProtocolVerdict.ACCEPT; // ignored: no state change
            }
            case T_MAX -> {
                return ProtocolVerdict.INVALID;
            }
            case T_TIME_WAIT -> {
                if (old == T_LAST_ACK && index == I_ACK && tcp.lastDir[e] != dir && tcp.lastIndex[e] == I_SYN
                        && (tcp.lastFlags[e] & EXP_CHALLENGE_ACK) != 0) {
                    tcp.lastFlags[e] &= ~EXP_CHALLENGE_ACK; // an RFC 5961 challenge ACK: not the last ACK
                    return ProtocolVerdict.ACCEPT;
                }
            }
            case T_SYN_SENT2 -> tcp.lastFlags[e] |= SIMULTANEOUS_OPEN;
            case T_SYN_RECV -> {
                if (dir == 1 && index == I_ACK && (tcp.lastFlags[e] & SIMULTANEOUS_OPEN) != 0) {
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
                if ((tcp.tdFlags[b] & MAXACK_SET) != 0 && tcp.lastIndex[e] != I_SYN) {
                    if (seqRaw == 0 && !tcpEstablished(e)) {
                        break;
                    }
                    if (TcpWindow.before(seqRaw, tcp.tdMaxAck[b])) {
                        return ProtocolVerdict.INVALID; // invalid RST
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
            int res = window.check(p, e, dir, index, l4, len, doff, flags, seqRaw, ackRaw, winRaw, end);
            if (res == TcpWindow.IGNORE) {
                return ProtocolVerdict.ACCEPT;
            }
            if (res == TcpWindow.INVALID) {
                handleInvalid(e, dir, index);
                return ProtocolVerdict.INVALID;
            }
        }
        tcp.lastIndex[e] = index;
        tcp.lastDir[e] = dir;
        tcp.state[e] = next;
        if (old != next && next == T_FIN_WAIT) {
            tcp.tdFlags[a] |= CLOSE_INIT;
        }
        int[] t = timeouts;
        int timeout = timeout(e, index, next);
        if ((table.status[e] & EntryStatus.SEEN_REPLY) == 0) {
            if ((flags & F_RST) != 0) {
                // the only reply is a RST: no connection, delete the entry at once (nf_ct_kill_acct)
                table.acct.count(e);
                table.kill(e);
                return ProtocolVerdict.ACCEPT;
            }
            if (index == I_SYN && old == T_SYN_SENT) {
                return ProtocolVerdict.ACCEPT; // a retransmitted SYN does not renew the timeout
            }
            if (next == T_ESTABLISHED && timeout > t[T_UNACK]) {
                timeout = t[T_UNACK]; // picked up mid-connection
            }
        } else if ((table.status[e] & EntryStatus.ASSURED) == 0 && (old == T_SYN_RECV || old == T_ESTABLISHED)
                && next == T_ESTABLISHED) {
            table.status[e] |= EntryStatus.ASSURED;
        }
        table.refresh(e, timeout);
        return ProtocolVerdict.ACCEPT;
    }

    /**
     * The state's timeout, shortened while the connection looks stuck: retransmitting, data not
     * acknowledged, or a zero window; a RST gives the CLOSE timeout whatever the state.
     */
    private int timeout(int e, int index, int next) {
        int[] t = timeouts;
        if (tcp.retrans[e] >= maxRetrans && t[next] > t[T_RETRANS]) {
            return t[T_RETRANS];
        }
        if (index == I_RST) {
            return t[T_CLOSE];
        }
        if (((tcp.tdFlags[2 * e] | tcp.tdFlags[2 * e + 1]) & DATA_UNACKNOWLEDGED) != 0 && t[next] > t[T_UNACK]) {
            return t[T_UNACK];
        }
        if (tcp.lastWin[e] == 0 && t[next] > t[T_RETRANS]) {
            return t[T_RETRANS];
        }
        return t[next];
    }

    /** nf_conntrack_tcp_established: the state only counts once the connection was ASSURED. */
    private boolean tcpEstablished(int e) {
        return tcp.state[e] == T_ESTABLISHED && (table.status[e] & EntryStatus.ASSURED) != 0;
    }

    /** tcp_can_early_drop: the connection is closing anyway, so a RST need not be checked against the window. */
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
        if (next != T_SYN_SENT && !loose) {
            return false;
        }
        tcp.reset(e);
        int a = 2 * e;
        tcp.tdEnd[a] = end;
        tcp.tdMaxWin[a] = win == 0 ? 1 : win;
        if (next == T_SYN_SENT) {
            tcp.tdMaxEnd[a] = end;
            window.parseOptions(p, l4, doff);
            tcp.tdScale[a] = window.optScale;
            tcp.tdFlags[a] = window.optFlags;
        } else {
            // picked up in the middle: assume SACK and be liberal (window scaling is unknown)
            tcp.tdMaxEnd[a] = end + tcp.tdMaxWin[a];
            tcp.tdFlags[a] = SACK_PERM | BE_LIBERAL;
            tcp.tdFlags[a + 1] = SACK_PERM | BE_LIBERAL;
        }
        tcp.lastIndex[e] = I_NONE;
        return true;
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
            long unack = timeouts[T_UNACK] * SECOND;
            if (left > unack) {
                table.setExpiry(e, table.now + unack);
            }
        } else {
            tcp.lastIndex[e] = index;
            tcp.lastDir[e] = dir;
        }
    }
}
