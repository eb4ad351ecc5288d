package org.jptables.kernel.conntrack;

import static org.jptables.kernel.conntrack.TcpConnectionState.BE_LIBERAL;
import static org.jptables.kernel.conntrack.TcpConnectionState.DATA_UNACKNOWLEDGED;
import static org.jptables.kernel.conntrack.TcpConnectionState.MAXACK_SET;
import static org.jptables.kernel.conntrack.TcpConnectionState.SACK_PERM;
import static org.jptables.kernel.conntrack.TcpConnectionState.WINDOW_SCALE;
import static org.jptables.kernel.conntrack.TcpStateTable.F_ACK;
import static org.jptables.kernel.conntrack.TcpStateTable.F_RST;
import static org.jptables.kernel.conntrack.TcpStateTable.F_SYN;
import static org.jptables.kernel.conntrack.TcpStateTable.I_ACK;
import static org.jptables.kernel.conntrack.TcpStateTable.T_SYN_RECV;
import static org.jptables.kernel.conntrack.TcpStateTable.T_SYN_SENT;

import org.jptables.kernel.packet.PacketView;

/**
 * TCP window tracking (tcp_in_window and the options it depends on, after Guido van Rooij's "Real
 * Stateful TCP Packet Filtering in IP Filter"): a segment is in window if its data lies in what the
 * receiver allowed and it acknowledges only data the other side sent. Kept apart from the state
 * machine because it is the part that decides INVALID for well-formed segments.
 */
final class TcpWindow {
    static final int ACCEPT = 0;
    static final int IGNORE = 1;
    static final int INVALID = 2;

    /** An ACK may lag this far behind the other side's data, however small the window (MAXACKWINDOW). */
    private static final int MAXACKWINCONST = 66000;
    /** RFC 7323: larger window scales are treated as 14. */
    private static final int MAX_WSCALE = 14;

    private final TcpConnectionState tcp;
    private final SeqAdjust seqadj;
    /** nf_conntrack_tcp_be_liberal: only out-of-window RSTs are INVALID. */
    private final boolean beLiberal;

    /** The options of the segment parsed last (scratch, so parsing allocates nothing). */
    int optScale;
    int optFlags;

    TcpWindow(TcpConnectionState tcp, SeqAdjust seqadj, boolean beLiberal) {
        this.tcp = tcp;
        this.seqadj = seqadj;
        this.beLiberal = beLiberal;
    }

    /** Sequence numbers wrap: a is before b if it is less than half the number space behind it. */
    static boolean before(int a, int b) {
        return a - b < 0;
    }

    static boolean after(int a, int b) {
        return b - a < 0;
    }

    /** tcp_options: the segment's window scale and SACK-permitted options into optScale / optFlags. */
    void parseOptions(PacketView p, int l4, int doff) {
        optScale = 0;
        optFlags = 0;
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
                optFlags |= SACK_PERM;
            } else if (opcode == 3 && opsize == 3) {
                optScale = Math.min(p.u8(at), MAX_WSCALE);
                optFlags |= WINDOW_SCALE;
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

    /** A SYN starts the sender's side over; window scaling holds only if both SYNs offered it (RFC 7323). */
    private void initSender(PacketView p, int s, int r, int dir, int l4, int doff, int end, int win) {
        tcp.tdEnd[s] = end;
        tcp.tdMaxEnd[s] = end;
        tcp.tdMaxWin[s] = win == 0 ? 1 : win;
        parseOptions(p, l4, doff);
        tcp.tdScale[s] = optScale;
        tcp.tdFlags[s] = (tcp.tdFlags[s] & BE_LIBERAL) | optFlags;
        if (dir == 1 && !((tcp.tdFlags[s] & WINDOW_SCALE) != 0 && (tcp.tdFlags[r] & WINDOW_SCALE) != 0)) {
            tcp.tdScale[s] = 0;
            tcp.tdScale[r] = 0;
        }
    }

    /** nf_tcp_log_invalid: a liberal side (picked up mid-stream, or by the sysctl) is never out of window. */
    private int logInvalid(int s, int result) {
        if ((tcp.tdFlags[s] & BE_LIBERAL) != 0 || beLiberal) {
            return ACCEPT;
        }
        return result;
    }

    private static int maxAckWindow(int maxwin) {
        return Integer.compareUnsigned(maxwin, MAXACKWINCONST) > 0 ? maxwin : MAXACKWINCONST;
    }

    /**
     * tcp_in_window: whether the segment's sequence and acknowledgement numbers fit what each side
     * has sent and the other has allowed, and the window bookkeeping that follows from it.
     *
     * @return ACCEPT, IGNORE (plausible, e.g. a retransmission, but not to change the state) or INVALID
     */
    int check(PacketView p, int e, int dir, int index, int l4, int len, int doff, int flags,
              int seq, int ack, int winRaw, int end) {
        int s = 2 * e + dir;
        int r = 2 * e + (1 - dir);
        int sack = ack;
        int win = winRaw;
        if ((tcp.tdFlags[r] & SACK_PERM) != 0) {
            sack = sackEdge(p, l4, doff, sack);
        }
        // the receiver acknowledges what NAT's rewrites made of the sender's numbers: take that off
        int receiverOffset = seqadj.offset(e, 1 - dir, ack - 1);
        ack -= receiverOffset;
        sack -= receiverOffset;
        if (tcp.tdMaxWin[s] == 0) {
            if ((flags & F_SYN) != 0) {
                initSender(p, s, r, dir, l4, doff, end, win);
                if ((flags & F_ACK) == 0) {
                    return ACCEPT; // simultaneous open
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
                return ACCEPT;
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
                tcp.tdFlags[s] |= DATA_UNACKNOWLEDGED;
                return logInvalid(s, IGNORE);
            }
            return logInvalid(s, INVALID); // SEQ is over the upper bound
        }
        if (!before(sack, tcp.tdEnd[r] + 1)) {
            return logInvalid(s, INVALID); // ACK is over the upper bound (ACKed data not seen yet)
        }
        boolean inRecvWin = tcp.tdMaxWin[r] == 0 || after(end, tcp.tdEnd[s] - tcp.tdMaxWin[r] - 1);
        if (!inRecvWin) {
            return logInvalid(s, IGNORE); // SEQ under the lower bound (retransmitted)
        }
        if (!after(sack, tcp.tdEnd[r] - maxAckWindow(tcp.tdMaxWin[s]) - 1)) {
            return logInvalid(s, IGNORE); // ACK under the lower bound
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
            tcp.tdFlags[s] |= DATA_UNACKNOWLEDGED;
        }
        if ((flags & F_ACK) != 0) {
            if ((tcp.tdFlags[s] & MAXACK_SET) == 0) {
                tcp.tdMaxAck[s] = ack;
                tcp.tdFlags[s] |= MAXACK_SET;
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
            tcp.tdFlags[r] &= ~DATA_UNACKNOWLEDGED;
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
        return ACCEPT;
    }
}
