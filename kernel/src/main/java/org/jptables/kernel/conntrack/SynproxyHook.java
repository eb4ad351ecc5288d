package org.jptables.kernel.conntrack;

import org.jptables.kernel.nat.PacketRewriter;
import org.jptables.kernel.packet.PacketView;
import org.jptables.kernel.path.ConnectionTracking;

/**
 * nf_synproxy_core's ipv4_synproxy_hook, which runs at INPUT and POSTROUTING just before conntrack
 * confirms, on the packets of the connections SYNPROXY opened to a server ({@link SynproxyState}).
 * The proxy's own SYN (SYN_SENT) leaves the cookie it relays in its acknowledgement field: that
 * becomes the connection's ISN for the client. The server's SYN-ACK (SYN_RECV) is consumed: the
 * host acknowledges it to the server, moves the server's sequence numbers onto the cookie for the
 * rest of the connection (seqadj), and sends the client an ACK, its window update. Every other
 * packet gets its timestamps moved between the server's clock and the client's idea of it.
 *
 * <p>Not modelled: an ACK of the client arriving while the entry is still SYN_SENT (the kernel
 * checks its cookie again and sends the SYN anew): it is dropped here.
 */
final class SynproxyHook {
    private static final int ACCEPT = ConnectionTracking.SYNPROXY_ACCEPT;
    private static final int DROP = ConnectionTracking.SYNPROXY_DROP;
    /** Consumed: answered, it goes no further (NF_STOLEN). */
    private static final int STOLEN = ConnectionTracking.SYNPROXY_STOLEN;

    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;
    private static final int DEFAULT_TTL = 64;
    private final ConntrackTable table;
    /** The segment being built: an IPv4 and a TCP header, and a timestamp option. */
    private final byte[] segment = new byte[20 + 20 + 12];

    SynproxyHook(ConntrackTable table) {
        this.table = table;
    }

    int run(int e, PacketView p, ConnectionTracking.SynproxySegments out) {
        if (!table.valid(e) || !table.synproxy.has(e) || p.protocol() != 6) {
            return ACCEPT;
        }
        int th = p.headerLength();
        if (p.length() < th + 20) {
            return DROP;
        }
        int dir = table.ctinfo[e] >= ConntrackInfo.IS_REPLY ? 1 : 0;
        int flags = p.u8(th + 13);
        boolean syn = (flags & SYN) != 0;
        boolean ack = (flags & ACK) != 0;
        switch (table.tcp.state[e]) {
            case TcpStateTable.T_CLOSE:
                if ((flags & RST) != 0 && dir != 0) {
                    seqadjInit(e, dir, table.synproxy.isn[e] - (int) p.u32(th + 4) + 1);
                    break;
                }
                if (!syn || ack || dir != 0) {
                    break;
                }
                // reopened: the adjustments start again once the connection is established again
                table.synproxy.tsoff[e] = 0;
                return synSent(e, p, th, syn, ack, dir);
            case TcpStateTable.T_SYN_SENT:
                return synSent(e, p, th, syn, ack, dir);
            case TcpStateTable.T_SYN_RECV:
                if (!syn || !ack) {
                    break;
                }
                return serverSynAck(e, p, th, dir, out);
            default:
                break;
        }
        return adjustTimestamps(e, p, th, dir) ? ACCEPT : DROP;
    }

    private int synSent(int e, PacketView p, int th, boolean syn, boolean ack, int dir) {
        int ts = timestampAt(p, th);
        if (ts == UNREADABLE) {
            return DROP;
        }
        if (!syn && ack && dir == 0) {
            return DROP; // the client's ACK again: see the class comment
        }
        table.synproxy.isn[e] = (int) p.u32(th + 8);
        if (ts > 0) {
            table.synproxy.its[e] = (int) p.u32(ts + 4);
        }
        return adjustTimestamps(e, p, th, dir) ? ACCEPT : DROP;
    }

    /** The server's SYN-ACK: the ACK to the server, the sequence adjustment, the client's window update. */
    private int serverSynAck(int e, PacketView p, int th, int dir, ConnectionTracking.SynproxySegments out) {
        int ts = timestampAt(p, th);
        if (ts == UNREADABLE) {
            return DROP;
        }
        int tsval = 0;
        int tsecr = 0;
        if (ts > 0) {
            tsval = (int) p.u32(ts);
            tsecr = (int) p.u32(ts + 4);
            table.synproxy.tsoff[e] = tsval - table.synproxy.its[e];
        }
        int wscale = windowScale(p, th);
        int saddr = p.source();
        int daddr = p.destination();
        int sport = p.u16(th);
        int dport = p.u16(th + 2);
        int seq = (int) p.u32(th + 4);
        int ackSeq = (int) p.u32(th + 8);
        int window = p.u16(th + 14);
        // synproxy_send_server_ack: from the client's side, the timestamps swapped
        int build = build(daddr, saddr, dport, sport, ackSeq, seq + 1, table.tcp.tdMaxWin[2 * e] & 0xFFFF,
                ts > 0, tsecr, tsval);
        out.send(segment, build, false);
        seqadjInit(e, dir, table.synproxy.isn[e] - seq);
        // synproxy_send_client_ack: from the server's side, its window in the client's unscaled terms
        build = build(saddr, daddr, sport, dport, seq + 1, ackSeq, window >>> wscale, ts > 0, tsval, tsecr);
        out.send(segment, build, true);
        return STOLEN;
    }

    private void seqadjInit(int e, int dir, int off) {
        if (table.seqadj.init(e, dir, off)) {
            table.status[e] |= EntryStatus.SEQ_ADJUST;
        }
    }

    /**
     * synproxy_tstamp_adjust: a reply's TSval less tsoff, an original packet's TSecr plus it; false
     * for options that run past the header (the packet is dropped).
     */
    private boolean adjustTimestamps(int e, PacketView p, int th, int dir) {
        int tsoff = table.synproxy.tsoff[e];
        if (tsoff == 0) {
            return true;
        }
        int at = th + 20;
        int end = th + (p.u8(th + 12) >>> 4) * 4;
        while (at < end) {
            int kind = p.u8(at);
            if (kind == 0) {
                return true;
            }
            if (kind == 1) {
                at++;
                continue;
            }
            int len = p.u8(at + 1);
            if (at + 1 == end || at + len > end || len < 2) {
                return false;
            }
            if (kind == 8 && len == 10) {
                int field = dir == 1 ? at + 2 : at + 6;
                int old = (int) p.u32(field);
                int value = dir == 1 ? old - tsoff : old + tsoff;
                byte[] b = p.bytes();
                int o = p.offset() + field;
                b[o] = (byte) (value >>> 24);
                b[o + 1] = (byte) (value >>> 16);
                b[o + 2] = (byte) (value >>> 8);
                b[o + 3] = (byte) value;
                if (!p.checksumPartial()) {
                    int check = p.offset() + th + 16;
                    int sum = ((b[check] & 0xFF) << 8) | (b[check + 1] & 0xFF);
                    sum = PacketRewriter.adjust32(sum, old, value);
                    b[check] = (byte) (sum >>> 8);
                    b[check + 1] = (byte) sum;
                }
                return true;
            }
            at += len;
        }
        return true;
    }

    private static final int UNREADABLE = -1;

    /**
     * synproxy_parse_options for what the hook needs: the offset of the timestamp option's TSval
     * (0 without one), or {@link #UNREADABLE} when the options are cut off.
     */
    private static int timestampAt(PacketView p, int th) {
        int length = (p.u8(th + 12) >>> 4) * 4 - 20;
        if (length > 0 && p.u8(th + 20 + length - 1) < 0) {
            return UNREADABLE;
        }
        return option(p, th, length, 8, 10);
    }

    /** The window scale option's shift, at most 14, 0 without one. */
    private static int windowScale(PacketView p, int th) {
        int at = option(p, th, (p.u8(th + 12) >>> 4) * 4 - 20, 3, 3);
        return at > 0 ? Math.min(p.u8(at), 14) : 0;
    }

    /** The offset of the value of option {@code kind} of exactly {@code size} bytes, 0 without one. */
    private static int option(PacketView p, int th, int length, int kind, int size) {
        int at = th + 20;
        int found = 0;
        while (length > 0) {
            int k = p.u8(at++);
            if (k == 0) {
                break;
            }
            if (k == 1) {
                length--;
                continue;
            }
            int s = p.u8(at++);
            if (s < 2 || s > length) {
                break;
            }
            if (k == kind && s == size) {
                found = at;
            }
            at += s - 2;
            length -= s;
        }
        return found;
    }

    /**
     * synproxy_build_ip and a bare ACK (the hook's options are the timestamp alone), the TCP
     * checksum left partial as the kernel leaves it to the device. Returns the length.
     */
    private int build(int saddr, int daddr, int sport, int dport, int seq, int ack, int window,
                      boolean timestamp, int tsval, int tsecr) {
        byte[] b = segment;
        int tcpLength = timestamp ? 32 : 20;
        int total = 20 + tcpLength;
        put32(b, 0, 0x45 << 24 | total);
        put32(b, 4, 0x4000);
        put32(b, 8, DEFAULT_TTL << 24 | 6 << 16);
        put32(b, 12, saddr);
        put32(b, 16, daddr);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        int header = ~fold(sum) & 0xFFFF;
        b[10] = (byte) (header >>> 8);
        b[11] = (byte) header;
        put32(b, 20, sport << 16 | dport);
        put32(b, 24, seq);
        put32(b, 28, ack);
        put32(b, 32, (tcpLength / 4) << 28 | ACK << 16 | window);
        put32(b, 36, 0);
        if (timestamp) {
            put32(b, 40, 1 << 24 | 1 << 16 | 8 << 8 | 10);
            put32(b, 44, tsval);
            put32(b, 48, tsecr);
        }
        int pseudo = fold((saddr >>> 16) + (saddr & 0xFFFF) + (daddr >>> 16) + (daddr & 0xFFFF) + 6 + tcpLength);
        b[36] = (byte) (pseudo >>> 8);
        b[37] = (byte) pseudo;
        return total;
    }

    private static int fold(int sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
