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

    // ---- TCP states, numbered as enum tcp_conntrack ----
    static final int T_NONE = 0;
    static final int T_SYN_SENT = 1;
    static final int T_SYN_RECV = 2;
    static final int T_ESTABLISHED = 3;
    static final int T_FIN_WAIT = 4;
    static final int T_CLOSE_WAIT = 5;
    static final int T_LAST_ACK = 6;
    static final int T_TIME_WAIT = 7;
    static final int T_CLOSE = 8;
    static final int T_SYN_SENT2 = 9;
    static final int T_MAX = 10;
    static final int T_IGNORE = 11;
    static final int T_RETRANS = 12;
    static final int T_UNACK = 13;

    private static final String[] TCP_STATE_NAMES = {"NONE", "SYN_SENT", "SYN_RECV", "ESTABLISHED", "FIN_WAIT",
            "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT", "CLOSE", "SYN_SENT2"};

    // ---- which of SYN / SYN+ACK / FIN / ACK / RST / none a segment is ----
    private static final int I_SYN = 0;
    private static final int I_SYNACK = 1;
    private static final int I_FIN = 2;
    private static final int I_ACK = 3;
    private static final int I_RST = 4;
    private static final int I_NONE = 5;

    /**
     * The TCP state table: [direction][segment kind][old state] gives the new state (T_MAX: invalid,
     * T_IGNORE: ignored). Columns: NONE, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT, CLOSE_WAIT,
     * LAST_ACK, TIME_WAIT, CLOSE, SYN_SENT2.
     */
    private static final byte[][][] TCP_TABLE = {
        { // original direction
            row(T_SYN_SENT, T_SYN_SENT, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_SYN_SENT, T_SYN_SENT,
                    T_SYN_SENT2),                                                                     // syn
            row(T_MAX, T_MAX, T_SYN_RECV, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_SYN_RECV),      // syn+ack
            row(T_MAX, T_MAX, T_FIN_WAIT, T_FIN_WAIT, T_LAST_ACK, T_LAST_ACK, T_LAST_ACK, T_TIME_WAIT, T_CLOSE,
                    T_MAX),                                                                           // fin
            row(T_ESTABLISHED, T_MAX, T_ESTABLISHED, T_ESTABLISHED, T_CLOSE_WAIT, T_CLOSE_WAIT, T_TIME_WAIT,
                    T_TIME_WAIT, T_CLOSE, T_MAX),                                                     // ack
            row(T_MAX, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE), // rst
            row(T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX)                 // none
        },
        { // reply direction
            row(T_MAX, T_SYN_SENT2, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_SYN_SENT, T_MAX, T_SYN_SENT2), // syn
            row(T_MAX, T_SYN_RECV, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE, T_IGNORE,
                    T_SYN_RECV),                                                                      // syn+ack
            row(T_MAX, T_MAX, T_FIN_WAIT, T_FIN_WAIT, T_LAST_ACK, T_LAST_ACK, T_LAST_ACK, T_TIME_WAIT, T_CLOSE,
                    T_MAX),                                                                           // fin
            row(T_MAX, T_IGNORE, T_SYN_RECV, T_ESTABLISHED, T_CLOSE_WAIT, T_CLOSE_WAIT, T_TIME_WAIT, T_TIME_WAIT,
                    T_CLOSE, T_IGNORE),                                                               // ack
            row(T_MAX, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE, T_CLOSE), // rst
            row(T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX, T_MAX)                 // none
        }
    };

    private static byte[] row(int... states) {
        byte[] r = new byte[states.length];
        for (int i = 0; i < states.length; i++) {
            r[i] = (byte) states[i];
        }
        return r;
    }

    // ---- TCP flag bits ----
    private static final int F_FIN = 0x01;
    private static final int F_SYN = 0x02;
    private static final int F_RST = 0x04;
    private static final int F_PSH = 0x08;
    private static final int F_ACK = 0x10;
    private static final int F_URG = 0x20;
    private static final int F_ECE = 0x40;
    private static final int F_CWR = 0x80;

    /** The valid combinations of FIN, SYN, RST, ACK, URG (PSH, ECE, CWR are always allowed). */
    private static final boolean[] TCP_VALID_FLAGS = new boolean[0x40];

    static {
        int[] valid = {F_SYN, F_SYN | F_URG, F_SYN | F_ACK, F_RST, F_RST | F_ACK, F_FIN | F_ACK,
                F_FIN | F_ACK | F_URG, F_ACK, F_ACK | F_URG};
        for (int v : valid) {
            TCP_VALID_FLAGS[v] = true;
        }
    }

    // ---- per-direction TCP window flags (ip_ct_tcp_state.flags) ----
    private static final int W_WINDOW_SCALE = 0x01;
    private static final int W_SACK_PERM = 0x02;
    private static final int W_CLOSE_INIT = 0x04;
    private static final int W_BE_LIBERAL = 0x08;
    private static final int W_DATA_UNACKNOWLEDGED = 0x10;
    private static final int W_MAXACK_SET = 0x20;
    private static final int W_EXP_CHALLENGE_ACK = 0x40;
    private static final int W_SIMULTANEOUS_OPEN = 0x80;

    private static final int MAXACKWINCONST = 66000;
    private static final int MAX_WSCALE = 14;

    // ---- tcp_in_window results ----
    private static final int WIN_ACCEPT = 0;
    private static final int WIN_IGNORE = 1;
    private static final int WIN_INVALID = 2;

    // ---- protocol handler results ----
    private static final int P_ACCEPT = 0;
    private static final int P_INVALID = 1;
    private static final int P_REPEAT = 2;

    // ---- status bits (the kernel's IPS_* bit numbers) ----
    private static final int S_EXPECTED = 1;
    private static final int S_SEEN_REPLY = 1 << 1;
    private static final int S_ASSURED = 1 << 2;
    private static final int GRE = 47;
    /** The info of the packet an attached answer borrowed the entry from, or -1. */
    private int attachedFrom = -1;
    private static final int GRE_TIMEOUT = 30;
    private static final int GRE_STREAM_TIMEOUT = 180;
    private static final int S_CONFIRMED = 1 << 3;
    private static final int S_SRC_NAT = 1 << 4;
    private static final int S_DST_NAT = 1 << 5;
    private static final int S_SRC_NAT_DONE = 1 << 7;
    private static final int S_DST_NAT_DONE = 1 << 8;
    private static final int S_DYING = 1 << 9;
    private static final int S_IN_USE = 1 << 16;
    private static final int S_PUBLIC = S_EXPECTED | S_SEEN_REPLY | S_ASSURED | S_CONFIRMED;

    // ---- ctinfo of the current packet ----
    private static final int CT_ESTABLISHED = 0;
    private static final int CT_RELATED = 1;
    private static final int CT_NEW = 2;
    private static final int CT_IS_REPLY = 3;

    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;

    private static final long SECOND = 1_000_000_000L;
    private static final int SLACK = 64;
    private static final int INITIAL_CAPACITY = 1024;
    private static final int EARLY_DROP_SCAN = 1024;

    private final ConntrackConfig config;
    private final int[] tcpTimeouts;
    private final int limit;
    private final int maxCapacity;

    // ---- entries ----
    private int capacity;
    private int[] oSrc;
    private int[] oDst;
    private int[] oSport;
    private int[] oDport;
    private int[] rSrc;
    private int[] rDst;
    private int[] rSport;
    private int[] rDport;
    private int[] proto;
    private int[] status;
    /** Absolute expiry (nanos) once confirmed; until then the timeout's duration, as the kernel keeps it. */
    private long[] expires;
    private int[] mark;
    /** The entry's conntrack zone (CT --zone) and the directions it covers (bit 0 original, bit 1 reply). */
    private int[] zoneId;
    private int[] zoneDirs;
    /** The zone of the packet being looked up, from its CT template. */
    private int lookupZone;
    private int lookupZoneDirs = 3;
    private int[] curInfo;
    private long[] udpStreamTs;
    private int[] tcpState;
    // per direction, index 2*e + dir
    private int[] tdEnd;
    private int[] tdMaxEnd;
    private int[] tdMaxWin;
    private int[] tdMaxAck;
    private int[] tdScale;
    private int[] tdFlags;
    private int[] lastDir;
    private int[] lastIndex;
    private int[] lastSeq;
    private int[] lastAck;
    private int[] lastEnd;
    private int[] lastWin;
    private int[] lastWscale;
    private int[] lastFlags;
    private int[] retrans;

    private int[] freeRing;
    private int freeHead;
    private int freeCount;
    private int count;

    // ---- hash of tuples: slot holds 2*entry + direction, or -1 ----
    private int[] slotRef;
    private int[] slotHash;
    private int mask;

    private long now;
    private long minExpiry = Long.MAX_VALUE;
    private int evictCursor;

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
        this.limit = config.maxEntries() == 0 ? Integer.MAX_VALUE - SLACK - 1 : config.maxEntries();
        this.maxCapacity = limit + SLACK;
        allocate(Math.min(INITIAL_CAPACITY, maxCapacity));
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
        this.now = nowNanos;
        this.currentView = p;
        this.currentHandle = -1;
        this.lookupZone = p.zoneId();
        this.lookupZoneDirs = p.zoneDirections();
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
            int ref = lookup(src, dst, sport, dport, protocol);
            int e;
            int dir;
            int info;
            boolean created;
            if (ref >= 0) {
                e = ref >> 1;
                dir = ref & 1;
                if (dir == 1) {
                    info = CT_ESTABLISHED + CT_IS_REPLY;
                } else if ((status[e] & S_SEEN_REPLY) != 0) {
                    info = CT_ESTABLISHED;
                } else if ((status[e] & S_EXPECTED) != 0) {
                    info = CT_RELATED;
                } else {
                    info = CT_NEW;
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
                e = newEntry(src, dst, sport, dport, protocol);
                if (e < 0) {
                    p.conntrack(0, 0, 0, 0, 0, 0, 0);
                    return TABLE_FULL;
                }
                rSrc[e] = dst;
                rDst[e] = src;
                rSport[e] = protocol == ICMP ? sport : dport;
                rDport[e] = protocol == ICMP ? replyDport : sport;
                dir = 0;
                info = CT_NEW;
                created = true;
            }
            curInfo[e] = info;
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
                    release(e);
                }
                return invalid(p);
            }
            if (dir == 1) {
                status[e] |= S_SEEN_REPLY;
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
        publish(p, e, curInfo[e]);
    }

    private void publish(PacketView p, int e, int info) {
        int base = info >= CT_IS_REPLY ? info - CT_IS_REPLY : info;
        int state = base == CT_ESTABLISHED ? ConnState.ESTABLISHED
                : base == CT_RELATED ? ConnState.RELATED : ConnState.NEW;
        int st = status[e];
        if ((st & S_SRC_NAT) != 0) {
            state |= ConnState.SNAT;
        }
        if ((st & S_DST_NAT) != 0) {
            state |= ConnState.DNAT;
        }
        p.conntrack(state, st & S_PUBLIC, proto[e], oSrc[e], oDst[e], rSrc[e], rDst[e]);
        long left = (st & S_CONFIRMED) != 0 ? Math.max(0, (expires[e] - now) / SECOND) : 0;
        p.conntrackDetails(info >= CT_IS_REPLY ? 1 : 0, oSport[e], oDport[e], rSport[e], rDport[e], left);
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
        if (causeHandle < 0 || causeHandle >= capacity || (status[causeHandle] & (S_IN_USE | S_DYING)) == 0) {
            return invalid(generated);
        }
        boolean causeReply = curInfo[causeHandle] >= CT_IS_REPLY;
        attachedFrom = curInfo[causeHandle];
        curInfo[causeHandle] = causeReply ? CT_RELATED : CT_RELATED + CT_IS_REPLY;
        publish(generated, causeHandle);
        return causeHandle;
    }

    @Override
    public void detach(int causeHandle) {
        if (causeHandle >= 0 && causeHandle < capacity && attachedFrom >= 0) {
            curInfo[causeHandle] = attachedFrom;
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
        int type = oDport[e] >> 8;
        if (type != 8 && type != 13 && type != 15 && type != 17) {
            return P_INVALID; // can't create a new ICMP "connection" with this type
        }
        refresh(e, config.icmp());
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
        int ref = lookup(idst, isrc, lsport, ldport, iproto);
        if (ref < 0) {
            return invalid(p);
        }
        int e = ref >> 1;
        int dir = ref & 1;
        int ctDst = dir == 0 ? oDst[e] : rDst[e];
        if (ctDst != p.destination()) {
            return invalid(p);
        }
        curInfo[e] = dir == 0 ? CT_RELATED : CT_RELATED + CT_IS_REPLY;
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
        int st = status[e];
        if ((st & S_CONFIRMED) == 0) {
            udpStreamTs[e] = now + 2 * SECOND;
        }
        if ((st & S_SEEN_REPLY) != 0) {
            int extra = config.udp();
            boolean stream = false;
            if (now - udpStreamTs[e] > 0) {
                extra = config.udpStream();
                stream = (st & S_ASSURED) == 0;
            }
            refresh(e, extra);
            if (stream) {
                status[e] |= S_ASSURED;
            }
        } else {
            refresh(e, config.udp());
        }
        return P_ACCEPT;
    }

    /**
     * GRE (nf_conntrack_proto_gre, keys 0 for GRE version 0): 30 s until a reply was seen, then
     * 180 s and ASSURED. These timeouts are fixed in Linux (no sysctl), so they are here too.
     */
    private int grePacket(int e) {
        if ((status[e] & S_SEEN_REPLY) != 0) {
            refresh(e, GRE_STREAM_TIMEOUT);
            status[e] |= S_ASSURED;
        } else {
            refresh(e, GRE_TIMEOUT);
        }
        return P_ACCEPT;
    }

    private int genericPacket(int e) {
        refresh(e, config.generic());
        return P_ACCEPT;
    }

    // =====================================================================================
    // TCP
    // =====================================================================================

    private static int conntrackIndex(int flags) {
        if ((flags & F_RST) != 0) {
            return I_RST;
        }
        if ((flags & F_SYN) != 0) {
            return (flags & F_ACK) != 0 ? I_SYNACK : I_SYN;
        }
        if ((flags & F_FIN) != 0) {
            return I_FIN;
        }
        if ((flags & F_ACK) != 0) {
            return I_ACK;
        }
        return I_NONE;
    }

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
        if (!TCP_VALID_FLAGS[flags & ~(F_ECE | F_CWR | F_PSH) & 0x3F]) {
            return P_INVALID; // invalid tcp flag combination
        }
        int seqRaw = (int) p.u32(l4 + 4);
        int ackRaw = (int) p.u32(l4 + 8);
        int winRaw = p.u16(l4 + 14);
        int end = segmentEnd(seqRaw, len, l4, doff, flags);
        if ((status[e] & S_CONFIRMED) == 0 && !tcpNew(p, e, l4, doff, flags, end, winRaw)) {
            return P_INVALID;
        }
        int old = tcpState[e];
        int index = conntrackIndex(flags);
        int next = TCP_TABLE[dir][index][old];
        int a = 2 * e + dir;
        int b = 2 * e + (1 - dir);
        boolean skipWindow = false;

        switch (next) {
            case T_SYN_SENT, T_IGNORE -> {
                if (next == T_SYN_SENT) {
                    if (old < T_TIME_WAIT) {
                        break;
                    }
                    if (((tdFlags[a] | tdFlags[b]) & W_CLOSE_INIT) != 0
                            || (lastDir[e] == dir && lastIndex[e] == I_RST)) {
                        // attempt to reopen a closed/aborted connection: delete it and look up again
                        kill(e);
                        return P_REPEAT;
                    }
                }
                if (index == I_SYNACK && lastIndex[e] == I_SYN && lastDir[e] != dir && ackRaw == lastEnd[e]) {
                    // the SYN/ACK acknowledges a SYN we ignored: client and server are in sync, we get in sync
                    old = T_SYN_SENT;
                    next = T_SYN_RECV;
                    int l = 2 * e + lastDir[e];
                    tdEnd[l] = lastEnd[e];
                    tdMaxEnd[l] = lastEnd[e];
                    tdMaxWin[l] = lastWin[e] == 0 ? 1 : lastWin[e];
                    tdScale[l] = lastWscale[e];
                    lastFlags[e] &= ~W_EXP_CHALLENGE_ACK;
                    tdFlags[l] = lastFlags[e];
                    resetSeen(a);
                    break;
                }
                lastIndex[e] = index;
                lastDir[e] = dir;
                lastSeq[e] = seqRaw;
                lastEnd[e] = end;
                lastWin[e] = winRaw;
                if (index == I_SYN && dir == 0) {
                    lastFlags[e] = 0;
                    lastWscale[e] = 0;
                    optScale = 0;
                    optFlags = 0;
                    parseOptions(p, l4, doff);
                    if ((optFlags & W_WINDOW_SCALE) != 0) {
                        lastFlags[e] |= W_WINDOW_SCALE;
                        lastWscale[e] = optScale;
                    }
                    if ((optFlags & W_SACK_PERM) != 0) {
                        lastFlags[e] |= W_SACK_PERM;
                    }
                    if (old == T_LAST_ACK) {
                        lastFlags[e] |= W_EXP_CHALLENGE_ACK;
                    }
                }
                if (old == T_SYN_SENT && index == I_ACK && dir == 1) {
                    lastAck[e] = ackRaw; // possible challenge ACK answering a SYN
                }
                return P_ACCEPT; // ignored: no state change
            }
            case T_MAX -> {
                return P_INVALID;
            }
            case T_TIME_WAIT -> {
                if (old == T_LAST_ACK && index == I_ACK && lastDir[e] != dir && lastIndex[e] == I_SYN
                        && (lastFlags[e] & W_EXP_CHALLENGE_ACK) != 0) {
                    lastFlags[e] &= ~W_EXP_CHALLENGE_ACK; // an RFC 5961 challenge ACK: not the last ACK
                    return P_ACCEPT;
                }
            }
            case T_SYN_SENT2 -> lastFlags[e] |= W_SIMULTANEOUS_OPEN;
            case T_SYN_RECV -> {
                if (dir == 1 && index == I_ACK && (lastFlags[e] & W_SIMULTANEOUS_OPEN) != 0) {
                    next = T_ESTABLISHED;
                }
            }
            case T_CLOSE -> {
                if (index != I_RST) {
                    break;
                }
                if (canEarlyDrop(tcpState[e])) {
                    skipWindow = true;
                    break;
                }
                if ((tdFlags[b] & W_MAXACK_SET) != 0 && lastIndex[e] != I_SYN) {
                    if (seqRaw == 0 && !tcpEstablished(e)) {
                        break;
                    }
                    if (before(seqRaw, tdMaxAck[b])) {
                        return P_INVALID; // invalid RST
                    }
                    if (!tcpEstablished(e) || seqRaw == tdMaxAck[b]) {
                        break;
                    }
                    if (lastIndex[e] == I_ACK && lastDir[e] == dir && seqRaw == lastEnd[e]) {
                        break; // RST part of a train
                    }
                    next = old; // keep the state to allow a challenge ACK
                }
                if ((((status[e] & S_SEEN_REPLY) != 0 && lastIndex[e] == I_SYN)
                        || ((status[e] & S_ASSURED) == 0 && lastIndex[e] == I_ACK))
                        && ackRaw == lastEnd[e]) {
                    skipWindow = true; // RST answering a SYN or ACK we let through
                    break;
                }
                if (old == T_SYN_SENT && lastIndex[e] == I_ACK && lastDir[e] == 1 && seqRaw == lastAck[e]) {
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
        lastIndex[e] = index;
        lastDir[e] = dir;
        tcpState[e] = next;
        if (old != next && next == T_FIN_WAIT) {
            tdFlags[a] |= W_CLOSE_INIT;
        }
        int[] t = tcpTimeouts;
        int timeout;
        if (retrans[e] >= config.tcpMaxRetrans() && t[next] > t[T_RETRANS]) {
            timeout = t[T_RETRANS];
        } else if (index == I_RST) {
            timeout = t[T_CLOSE];
        } else if (((tdFlags[2 * e] | tdFlags[2 * e + 1]) & W_DATA_UNACKNOWLEDGED) != 0 && t[next] > t[T_UNACK]) {
            timeout = t[T_UNACK];
        } else if (lastWin[e] == 0 && t[next] > t[T_RETRANS]) {
            timeout = t[T_RETRANS];
        } else {
            timeout = t[next];
        }
        if ((status[e] & S_SEEN_REPLY) == 0) {
            if ((flags & F_RST) != 0) {
                // the only reply is a RST: no connection, delete the entry at once
                kill(e);
                return P_ACCEPT;
            }
            if (index == I_SYN && old == T_SYN_SENT) {
                return P_ACCEPT; // a retransmitted SYN does not renew the timeout
            }
            if (next == T_ESTABLISHED && timeout > t[T_UNACK]) {
                timeout = t[T_UNACK]; // picked up mid-connection
            }
        } else if ((status[e] & S_ASSURED) == 0 && (old == T_SYN_RECV || old == T_ESTABLISHED)
                && next == T_ESTABLISHED) {
            status[e] |= S_ASSURED;
        }
        refresh(e, timeout);
        return P_ACCEPT;
    }

    private boolean tcpEstablished(int e) {
        return tcpState[e] == T_ESTABLISHED && (status[e] & S_ASSURED) != 0;
    }

    private static boolean canEarlyDrop(int state) {
        return state == T_FIN_WAIT || state == T_LAST_ACK || state == T_TIME_WAIT || state == T_CLOSE
                || state == T_CLOSE_WAIT;
    }

    /** tcp_new: the first packet of a connection; false if it can't start one. */
    private boolean tcpNew(PacketView p, int e, int l4, int doff, int flags, int end, int win) {
        int next = TCP_TABLE[0][conntrackIndex(flags)][T_NONE];
        if (next >= T_MAX) {
            return false;
        }
        if (next != T_SYN_SENT && !config.tcpLoose()) {
            return false;
        }
        resetTcp(e);
        int a = 2 * e;
        tdEnd[a] = end;
        tdMaxWin[a] = win == 0 ? 1 : win;
        if (next == T_SYN_SENT) {
            tdMaxEnd[a] = end;
            optScale = 0;
            optFlags = 0;
            parseOptions(p, l4, doff);
            tdScale[a] = optScale;
            tdFlags[a] = optFlags;
        } else {
            // picked up in the middle: assume SACK and be liberal (window scaling is unknown)
            tdMaxEnd[a] = end + tdMaxWin[a];
            tdFlags[a] = W_SACK_PERM | W_BE_LIBERAL;
            tdFlags[a + 1] = W_SACK_PERM | W_BE_LIBERAL;
        }
        lastIndex[e] = I_NONE;
        return true;
    }

    private void resetTcp(int e) {
        tcpState[e] = T_NONE;
        for (int d = 2 * e; d < 2 * e + 2; d++) {
            tdEnd[d] = 0;
            tdMaxEnd[d] = 0;
            tdMaxWin[d] = 0;
            tdMaxAck[d] = 0;
            tdScale[d] = 0;
            tdFlags[d] = 0;
        }
        lastDir[e] = 0;
        lastIndex[e] = 0;
        lastSeq[e] = 0;
        lastAck[e] = 0;
        lastEnd[e] = 0;
        lastWin[e] = 0;
        lastWscale[e] = 0;
        lastFlags[e] = 0;
        retrans[e] = 0;
    }

    private void resetSeen(int d) {
        tdEnd[d] = 0;
        tdMaxEnd[d] = 0;
        tdMaxWin[d] = 0;
        tdMaxAck[d] = 0;
        tdScale[d] = 0;
        tdFlags[d] &= W_BE_LIBERAL;
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
                optFlags |= W_SACK_PERM;
            } else if (opcode == 3 && opsize == 3) {
                optScale = Math.min(p.u8(at), MAX_WSCALE);
                optFlags |= W_WINDOW_SCALE;
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
        tdEnd[s] = end;
        tdMaxEnd[s] = end;
        tdMaxWin[s] = win == 0 ? 1 : win;
        optScale = 0;
        optFlags = 0;
        parseOptions(p, l4, doff);
        tdScale[s] = optScale;
        tdFlags[s] = (tdFlags[s] & W_BE_LIBERAL) | optFlags;
        if (dir == 1 && !((tdFlags[s] & W_WINDOW_SCALE) != 0 && (tdFlags[r] & W_WINDOW_SCALE) != 0)) {
            tdScale[s] = 0;
            tdScale[r] = 0;
        }
    }

    private int logInvalid(int s, int result) {
        if ((tdFlags[s] & W_BE_LIBERAL) != 0 || config.tcpBeLiberal()) {
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
        if ((tdFlags[r] & W_SACK_PERM) != 0) {
            sack = sackEdge(p, l4, doff, sack);
        }
        if (tdMaxWin[s] == 0) {
            if ((flags & F_SYN) != 0) {
                initSender(p, s, r, dir, l4, doff, end, win);
                if ((flags & F_ACK) == 0) {
                    return WIN_ACCEPT; // simultaneous open
                }
            } else {
                // in the middle of a connection: take what the packet says
                tdEnd[s] = end;
                int swin = win << tdScale[s];
                tdMaxWin[s] = swin == 0 ? 1 : swin;
                tdMaxEnd[s] = end + tdMaxWin[s];
                if (tdMaxWin[r] == 0) {
                    tdEnd[r] = sack;
                    tdMaxEnd[r] = sack;
                } else if (sack == tdEnd[r] + 1) {
                    tdEnd[r]++; // likely a reply to a keepalive
                }
            }
        } else if ((flags & F_SYN) != 0 && after(end, tdEnd[s])
                && (tcpState[e] == T_SYN_SENT || tcpState[e] == T_SYN_RECV)) {
            // a reinitialized SYN(-ACK) with a higher sequence number
            initSender(p, s, r, dir, l4, doff, end, win);
            if (dir == 1 && (flags & F_ACK) == 0) {
                return WIN_ACCEPT;
            }
        }
        if ((flags & F_ACK) == 0) {
            ack = tdEnd[r];
            sack = ack;
        } else if ((flags & (F_ACK | F_RST)) == (F_ACK | F_RST) && ack == 0) {
            ack = tdEnd[r]; // broken stacks: RST+ACK with a zero ack
            sack = ack;
        }
        if ((flags & F_RST) != 0 && seq == 0 && tcpState[e] == T_SYN_SENT) {
            seq = tdEnd[s]; // RST answering a SYN
            end = seq;
        }
        boolean seqOk = before(seq, tdMaxEnd[s] + 1);
        if (!seqOk) {
            int overshot = end - tdMaxEnd[s] + 1;
            boolean ackOk = after(sack, tdEnd[r] - maxAckWindow(tdMaxWin[s]) - 1);
            boolean inRecvWin = tdMaxWin[r] != 0 && after(end, tdEnd[s] - tdMaxWin[r] - 1);
            if (inRecvWin && ackOk && Integer.compareUnsigned(overshot, tdMaxWin[r]) <= 0
                    && before(sack, tdEnd[r] + 1)) {
                // more bytes than the window allows: remember them so their ACK is in window
                tdEnd[s] = end;
                tdFlags[s] |= W_DATA_UNACKNOWLEDGED;
                return logInvalid(s, WIN_IGNORE);
            }
            return logInvalid(s, WIN_INVALID); // SEQ is over the upper bound
        }
        if (!before(sack, tdEnd[r] + 1)) {
            return logInvalid(s, WIN_INVALID); // ACK is over the upper bound (ACKed data not seen yet)
        }
        boolean inRecvWin = tdMaxWin[r] == 0 || after(end, tdEnd[s] - tdMaxWin[r] - 1);
        if (!inRecvWin) {
            return logInvalid(s, WIN_IGNORE); // SEQ under the lower bound (retransmitted)
        }
        if (!after(sack, tdEnd[r] - maxAckWindow(tdMaxWin[s]) - 1)) {
            return logInvalid(s, WIN_IGNORE); // ACK under the lower bound
        }
        if ((flags & F_SYN) == 0) {
            win <<= tdScale[s];
        }
        int swin = win + (sack - ack);
        if (Integer.compareUnsigned(tdMaxWin[s], swin) < 0) {
            tdMaxWin[s] = swin;
        }
        if (after(end, tdEnd[s])) {
            tdEnd[s] = end;
            tdFlags[s] |= W_DATA_UNACKNOWLEDGED;
        }
        if ((flags & F_ACK) != 0) {
            if ((tdFlags[s] & W_MAXACK_SET) == 0) {
                tdMaxAck[s] = ack;
                tdFlags[s] |= W_MAXACK_SET;
            } else if (after(ack, tdMaxAck[s])) {
                tdMaxAck[s] = ack;
            }
        }
        if (tdMaxWin[r] != 0 && after(end, tdMaxEnd[s])) {
            tdMaxWin[r] += end - tdMaxEnd[s];
        }
        if (after(sack + win, tdMaxEnd[r] - 1)) {
            tdMaxEnd[r] = sack + win;
            if (win == 0) {
                tdMaxEnd[r]++;
            }
        }
        if (ack == tdEnd[r]) {
            tdFlags[r] &= ~W_DATA_UNACKNOWLEDGED;
        }
        if (index == I_ACK) {
            if (lastDir[e] == dir && lastSeq[e] == seq && lastAck[e] == ack && lastEnd[e] == end
                    && lastWin[e] == winRaw) {
                retrans[e]++;
            } else {
                lastDir[e] = dir;
                lastSeq[e] = seq;
                lastAck[e] = ack;
                lastEnd[e] = end;
                lastWin[e] = winRaw;
                retrans[e] = 0;
            }
        }
        return WIN_ACCEPT;
    }

    /** nf_tcp_handle_invalid: an out-of-window FIN/RST answering one from the other side shortens the timeout. */
    private void handleInvalid(int e, int dir, int index) {
        if ((status[e] & S_ASSURED) == 0 || (index != I_RST && index != I_FIN)) {
            return;
        }
        if (lastDir[e] != dir && (lastIndex[e] == I_FIN || lastIndex[e] == I_RST)) {
            if ((status[e] & S_CONFIRMED) == 0) {
                return;
            }
            long left = expires[e] - now;
            if (left < 120 * SECOND) {
                return;
            }
            long unack = tcpTimeouts[T_UNACK] * SECOND;
            if (left > unack) {
                setExpiry(e, now + unack);
            }
        } else {
            lastIndex[e] = index;
            lastDir[e] = dir;
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
        return valid(handle) && (status[handle] & (S_IN_USE | S_CONFIRMED)) == S_IN_USE;
    }

    @Override
    public boolean isReply(int handle) {
        return valid(handle) && curInfo[handle] >= CT_IS_REPLY;
    }

    /** The current packet's direction on its entry: 0 original, 1 reply. */
    public int direction(int handle) {
        return isReply(handle) ? 1 : 0;
    }

    @Override
    public boolean natted(int handle, boolean source) {
        return valid(handle) && (status[handle] & (source ? S_SRC_NAT : S_DST_NAT)) != 0;
    }

    @Override
    public boolean isRelated(int handle) {
        return valid(handle) && (curInfo[handle] == CT_RELATED || curInfo[handle] == CT_RELATED + CT_IS_REPLY);
    }

    /**
     * Confirms the entry (its packet passed the last hook): it enters the table and its timeout starts
     * counting. An entry whose tuple was meanwhile confirmed by another one is discarded and false
     * returned (the kernel's clash: it drops the packet). Confirmed or dead entries are left alone.
     */
    @Override
    public boolean confirm(int handle) {
        if (!valid(handle) || (status[handle] & (S_IN_USE | S_CONFIRMED)) != S_IN_USE) {
            return true;
        }
        int e = handle;
        if (find(oSrc[e], oDst[e], oSport[e], oDport[e], proto[e]) >= 0
                || find(rSrc[e], rDst[e], rSport[e], rDport[e], proto[e]) >= 0) {
            release(e);
            return false;
        }
        status[e] |= S_CONFIRMED;
        setExpiry(e, now + expires[e]);
        insert(2 * e, hash(oSrc[e], oDst[e], oSport[e], oDport[e], proto[e]));
        insert(2 * e + 1, hash(rSrc[e], rDst[e], rSport[e], rDport[e], proto[e]));
        return true;
    }

    /** Forgets an unconfirmed entry whose packet was dropped; confirmed entries are left alone. */
    @Override
    public void abort(int handle) {
        if (isNew(handle)) {
            release(handle);
        }
    }

    @Override
    public boolean natDone(int handle, boolean source) {
        return valid(handle) && (status[handle] & (source ? S_SRC_NAT_DONE : S_DST_NAT_DONE)) != 0;
    }

    /** Whether NAT bound the entry in either manip (maybe as a null binding). */
    public boolean natBound(int handle) {
        return valid(handle) && (status[handle] & (S_SRC_NAT_DONE | S_DST_NAT_DONE)) != 0;
    }

    /**
     * nf_nat_setup_info: the original direction's source (SNAT) or destination (DNAT) becomes
     * {@code address}:{@code port} (0: keep that part); the reply tuple becomes the inverse. A source
     * binding whose reply tuple another connection already uses gets another source port (TCP/UDP).
     */
    @Override
    public void bindNat(int handle, boolean source, int minAddress, int maxAddress, int minPort, int maxPort,
                        int flags) {
        if (!valid(handle)) {
            return;
        }
        int e = handle;
        int p = proto[e];
        boolean ports = p == TCP || p == UDP;
        // the current tuple: the inverse of the reply
        int cSrc = rDst[e];
        int cDst = rSrc[e];
        int cSport = rDport[e];
        int cDport = rSport[e];
        if (p == ICMP) {
            cSport = rSport[e];
            cDport = oDport[e];
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
        int nrDport = p == ICMP ? rDport[e] : cSport;
        if (nrSrc != rSrc[e] || nrDst != rDst[e] || nrSport != rSport[e] || nrDport != rDport[e]) {
            replaceReply(e, nrSrc, nrSport, nrDst, nrDport);
            status[e] |= source ? S_SRC_NAT : S_DST_NAT;
        }
        status[e] |= source ? S_SRC_NAT_DONE : S_DST_NAT_DONE;
        republish(e);
    }

    /**
     * Sets the entry's reply tuple directly (as nf_nat does when it binds), keeping the table's index
     * right; the SNAT/DNAT status follows from comparing it with the original tuple's inverse.
     */
    public void setReplyTuple(int handle, int srcAddr, int srcPort, int dstAddr, int dstPort) {
        if (!valid(handle)) {
            return;
        }
        int e = handle;
        replaceReply(e, srcAddr, srcPort, dstAddr, dstPort);
        boolean icmp = proto[e] == ICMP;
        boolean snat = rDst[e] != oSrc[e] || (!icmp && rDport[e] != oSport[e]) || (icmp && rSport[e] != oSport[e]);
        boolean dnat = rSrc[e] != oDst[e] || (!icmp && rSport[e] != oDport[e]);
        status[e] = (status[e] & ~(S_SRC_NAT | S_DST_NAT)) | (snat ? S_SRC_NAT : 0) | (dnat ? S_DST_NAT : 0);
        republish(e);
    }

    @Override
    public boolean natted(int handle) {
        return valid(handle) && (status[handle] & (S_SRC_NAT | S_DST_NAT)) != 0;
    }

    /**
     * The entry's tuple in a direction into {@code out}: source, destination, source port, destination
     * port. For ICMP queries the "ports" are the echo id and (type << 8 | code).
     */
    @Override
    public void tuple(int handle, boolean reply, int[] out) {
        int e = handle;
        if (reply) {
            out[0] = rSrc[e];
            out[1] = rDst[e];
            out[2] = rSport[e];
            out[3] = rDport[e];
        } else {
            out[0] = oSrc[e];
            out[1] = oDst[e];
            out[2] = oSport[e];
            out[3] = oDport[e];
        }
    }

    public int originalSource(int handle) {
        return oSrc[handle];
    }

    public int originalDestination(int handle) {
        return oDst[handle];
    }

    public int originalSourcePort(int handle) {
        return oSport[handle];
    }

    public int originalDestinationPort(int handle) {
        return oDport[handle];
    }

    public int replySource(int handle) {
        return rSrc[handle];
    }

    public int replyDestination(int handle) {
        return rDst[handle];
    }

    public int replySourcePort(int handle) {
        return rSport[handle];
    }

    public int replyDestinationPort(int handle) {
        return rDport[handle];
    }

    public int protocol(int handle) {
        return proto[handle];
    }

    /** The ConnState.STATUS_* bits of the entry. */
    public int status(int handle) {
        return status[handle] & S_PUBLIC;
    }

    /** The TCP state's name as /proc shows it ("SYN_SENT", ...), or null for other protocols. */
    public String tcpStateName(int handle) {
        return proto[handle] == TCP ? TCP_STATE_NAMES[tcpState[handle]] : null;
    }

    /** The connection mark (CONNMARK). */
    public int mark(int handle) {
        return mark[handle];
    }

    public void setMark(int handle, int value) {
        if (valid(handle)) {
            mark[handle] = value;
        }
    }

    /** Entries in the table, unconfirmed ones included (nf_conntrack_count), expired ones until removed. */
    public int count() {
        return count;
    }

    /** Removes every entry whose timeout passed by {@code nowNanos}. */
    public void expire(long nowNanos) {
        this.now = nowNanos;
        sweepExpired();
    }

    /** The table as /proc/net/nf_conntrack prints it (confirmed, unexpired entries), in handle order. */
    public List<String> procLines(long nowNanos) {
        this.now = nowNanos;
        List<String> lines = new ArrayList<>();
        for (int e = 0; e < capacity; e++) {
            if ((status[e] & (S_IN_USE | S_CONFIRMED)) != (S_IN_USE | S_CONFIRMED)) {
                continue;
            }
            if (expires[e] - nowNanos <= 0) {
                kill(e);
                continue;
            }
            lines.add(procLine(e, nowNanos));
        }
        return lines;
    }

    private String procLine(int e, long nowNanos) {
        StringBuilder s = new StringBuilder(200);
        int p = proto[e];
        s.append("ipv4     2 ");
        String name = protoName(p);
        s.append(name);
        for (int i = name.length(); i < 8; i++) {
            s.append(' ');
        }
        s.append(' ').append(p).append(' ');
        s.append((expires[e] - nowNanos) / SECOND).append(' ');
        if (p == TCP) {
            s.append(TCP_STATE_NAMES[tcpState[e]]).append(' ');
        } else if (p == GRE) {
            s.append("timeout=").append(GRE_TIMEOUT).append(", stream_timeout=").append(GRE_STREAM_TIMEOUT).append(' ');
        }
        appendTuple(s, p, oSrc[e], oDst[e], oSport[e], oDport[e]);
        if (zoneDirs[e] == 1) {
            s.append("zone-orig=").append(zoneId[e]).append(' ');
        }
        if ((status[e] & S_SEEN_REPLY) == 0) {
            s.append("[UNREPLIED] ");
        }
        appendTuple(s, p, rSrc[e], rDst[e], rSport[e], rDport[e]);
        if (zoneDirs[e] == 2) {
            s.append("zone-reply=").append(zoneId[e]).append(' ');
        }
        if ((status[e] & S_ASSURED) != 0) {
            s.append("[ASSURED] ");
        }
        s.append("mark=").append(Integer.toUnsignedString(mark[e])).append(' ');
        if (zoneDirs[e] == 3) {
            s.append("zone=").append(zoneId[e]).append(' ');
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

    // =====================================================================================
    // entries
    // =====================================================================================

    private boolean valid(int handle) {
        return handle >= 0 && handle < capacity && (status[handle] & (S_IN_USE | S_DYING)) != 0;
    }

    private void republish(int e) {
        if (e == currentHandle && currentView != null) {
            publish(currentView, e);
        }
    }

    /** A new, unconfirmed entry for the tuple, or -1 if the table is full and nothing could be evicted. */
    private int newEntry(int src, int dst, int sport, int dport, int protocol) {
        if (count >= limit) {
            if (now - minExpiry >= 0) {
                sweepExpired();
            }
            if (count >= limit && !earlyDrop()) {
                return -1;
            }
        }
        if (freeCount == 0 && now - minExpiry >= 0) {
            // before the arrays grow, reclaim the entries whose time is up (the kernel's gc worker does so
            // in the background), so memory follows the live connections, not the length of a capture;
            // if little came free, grow anyway, so that sweeps stay rare (amortised O(1) per entry)
            sweepExpired();
            if (freeCount < capacity / 4 && capacity < maxCapacity) {
                allocate((int) Math.min((long) capacity * 2, maxCapacity));
            }
        }
        if (freeCount == 0) {
            if (capacity >= maxCapacity) {
                return -1;
            }
            allocate((int) Math.min((long) capacity * 2, maxCapacity));
        }
        int e = freeRing[freeHead];
        freeHead = (freeHead + 1) % freeRing.length;
        freeCount--;
        count++;
        status[e] = S_IN_USE;
        oSrc[e] = src;
        oDst[e] = dst;
        oSport[e] = sport;
        oDport[e] = dport;
        proto[e] = protocol;
        expires[e] = 0;
        mark[e] = 0;
        zoneId[e] = lookupZone;
        zoneDirs[e] = lookupZoneDirs;
        curInfo[e] = CT_NEW;
        udpStreamTs[e] = 0;
        resetTcp(e);
        return e;
    }

    /** early_drop: evicts a confirmed entry that is not ASSURED. */
    private boolean earlyDrop() {
        int scan = Math.min(capacity, EARLY_DROP_SCAN);
        for (int i = 0; i < scan; i++) {
            int e = evictCursor;
            evictCursor = (evictCursor + 1) % capacity;
            if ((status[e] & (S_IN_USE | S_CONFIRMED | S_ASSURED)) == (S_IN_USE | S_CONFIRMED)) {
                kill(e);
                return true;
            }
        }
        return false;
    }

    private void sweepExpired() {
        long min = Long.MAX_VALUE;
        for (int e = 0; e < capacity; e++) {
            if ((status[e] & (S_IN_USE | S_CONFIRMED)) != (S_IN_USE | S_CONFIRMED)) {
                continue;
            }
            if (expires[e] - now <= 0) {
                kill(e);
            } else if (expires[e] < min) {
                min = expires[e];
            }
        }
        minExpiry = min;
    }

    /** Removes the entry from the table (if confirmed) and frees it; its data stays readable for now. */
    private void kill(int e) {
        if ((status[e] & S_IN_USE) == 0) {
            return;
        }
        if ((status[e] & S_CONFIRMED) != 0) {
            remove(2 * e, hash(oSrc[e], oDst[e], oSport[e], oDport[e], proto[e]));
            remove(2 * e + 1, hash(rSrc[e], rDst[e], rSport[e], rDport[e], proto[e]));
        }
        status[e] = (status[e] & ~S_IN_USE) | S_DYING;
        free(e);
    }

    /** Frees an unconfirmed entry. */
    private void release(int e) {
        status[e] = 0;
        free(e);
    }

    private void free(int e) {
        freeRing[(freeHead + freeCount) % freeRing.length] = e;
        freeCount++;
        count--;
    }

    private void refresh(int e, int seconds) {
        long d = seconds * SECOND;
        if ((status[e] & S_CONFIRMED) != 0) {
            setExpiry(e, now + d);
        } else {
            expires[e] = d;
        }
    }

    private void setExpiry(int e, long at) {
        expires[e] = at;
        if (at < minExpiry) {
            minExpiry = at;
        }
    }

    private void replaceReply(int e, int src, int sport, int dst, int dport) {
        boolean confirmed = (status[e] & S_CONFIRMED) != 0 && (status[e] & S_IN_USE) != 0;
        if (confirmed) {
            remove(2 * e + 1, hash(rSrc[e], rDst[e], rSport[e], rDport[e], proto[e]));
        }
        rSrc[e] = src;
        rDst[e] = dst;
        rSport[e] = sport;
        rDport[e] = dport;
        if (confirmed) {
            insert(2 * e + 1, hash(src, dst, sport, dport, proto[e]));
        }
    }

    /** nf_nat_used_tuple: whether another entry has the reply tuple inverse to (src,dst,sport,dport). */
    private boolean taken(int self, int replySrc, int replyDst, int replySport, int replyDport, int p) {
        int ref = find(replySrc, replyDst, replySport, replyDport, p);
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

    private void allocate(int newCapacity) {
        int old = capacity;
        oSrc = grow(oSrc, newCapacity);
        oDst = grow(oDst, newCapacity);
        oSport = grow(oSport, newCapacity);
        oDport = grow(oDport, newCapacity);
        rSrc = grow(rSrc, newCapacity);
        rDst = grow(rDst, newCapacity);
        rSport = grow(rSport, newCapacity);
        rDport = grow(rDport, newCapacity);
        proto = grow(proto, newCapacity);
        status = grow(status, newCapacity);
        expires = grow(expires, newCapacity);
        mark = grow(mark, newCapacity);
        zoneId = grow(zoneId, newCapacity);
        zoneDirs = grow(zoneDirs, newCapacity);
        curInfo = grow(curInfo, newCapacity);
        udpStreamTs = grow(udpStreamTs, newCapacity);
        tcpState = grow(tcpState, newCapacity);
        tdEnd = grow(tdEnd, 2 * newCapacity);
        tdMaxEnd = grow(tdMaxEnd, 2 * newCapacity);
        tdMaxWin = grow(tdMaxWin, 2 * newCapacity);
        tdMaxAck = grow(tdMaxAck, 2 * newCapacity);
        tdScale = grow(tdScale, 2 * newCapacity);
        tdFlags = grow(tdFlags, 2 * newCapacity);
        lastDir = grow(lastDir, newCapacity);
        lastIndex = grow(lastIndex, newCapacity);
        lastSeq = grow(lastSeq, newCapacity);
        lastAck = grow(lastAck, newCapacity);
        lastEnd = grow(lastEnd, newCapacity);
        lastWin = grow(lastWin, newCapacity);
        lastWscale = grow(lastWscale, newCapacity);
        lastFlags = grow(lastFlags, newCapacity);
        retrans = grow(retrans, newCapacity);
        // the free ring: keep the queued order, then the new handles
        int[] ring = new int[newCapacity];
        for (int i = 0; i < freeCount; i++) {
            ring[i] = freeRing[(freeHead + i) % freeRing.length];
        }
        for (int e = old; e < newCapacity; e++) {
            ring[freeCount++] = e;
        }
        freeRing = ring;
        freeHead = 0;
        capacity = newCapacity;
        // the hash: at most half full
        int slots = Integer.highestOneBit(Math.max(16, newCapacity * 4 - 1)) << 1;
        slotRef = new int[slots];
        slotHash = new int[slots];
        java.util.Arrays.fill(slotRef, -1);
        mask = slots - 1;
        for (int e = 0; e < old; e++) {
            if ((status[e] & (S_IN_USE | S_CONFIRMED)) == (S_IN_USE | S_CONFIRMED)) {
                insert(2 * e, hash(oSrc[e], oDst[e], oSport[e], oDport[e], proto[e]));
                insert(2 * e + 1, hash(rSrc[e], rDst[e], rSport[e], rDport[e], proto[e]));
            }
        }
    }

    private static int[] grow(int[] a, int n) {
        return a == null ? new int[n] : java.util.Arrays.copyOf(a, n);
    }

    private static long[] grow(long[] a, int n) {
        return a == null ? new long[n] : java.util.Arrays.copyOf(a, n);
    }

    // =====================================================================================
    // the tuple hash
    // =====================================================================================

    private static int hash(int src, int dst, int sport, int dport, int protocol) {
        int h = src * 0x9E3779B1;
        h = Integer.rotateLeft(h ^ dst, 13) * 0x85EBCA6B;
        h = Integer.rotateLeft(h ^ ((sport << 16) | (dport & 0xFFFF)), 11) * 0xC2B2AE35;
        h ^= protocol * 0x27D4EB2F;
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        h ^= h >>> 15;
        return h;
    }

    private boolean matches(int ref, int src, int dst, int sport, int dport, int protocol) {
        int e = ref >> 1;
        if (proto[e] != protocol) {
            return false;
        }
        // nf_ct_zone_equal: the entry's zone for this tuple's direction against the packet's
        int dir = ref & 1;
        int entryZone = (zoneDirs[e] & (1 << dir)) != 0 ? zoneId[e] : 0;
        int packetZone = (lookupZoneDirs & (1 << dir)) != 0 ? lookupZone : 0;
        if (entryZone != packetZone) {
            return false;
        }
        if ((ref & 1) == 0) {
            return oSrc[e] == src && oDst[e] == dst && oSport[e] == sport && oDport[e] == dport;
        }
        return rSrc[e] == src && rDst[e] == dst && rSport[e] == sport && rDport[e] == dport;
    }

    /** The slot reference (2*entry + direction) of the tuple, expired entries included, or -1. */
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
        int ref = find(dst, src, dport, sport, protocol);
        if (ref < 0 || (status[ref >> 1] & (S_SRC_NAT | S_DST_NAT)) == 0) {
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
            int ref = find(get32(ip, 16), get32(ip, 12), id, (inverse << 8) | (ip[l4 + 1] & 0xff), ICMP);
            if (ref < 0 || (status[ref >> 1] & (S_SRC_NAT | S_DST_NAT)) == 0) {
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
        int ref = find(get32(ip, inner + 12), get32(ip, inner + 16), sport, dport, innerProto);
        if (ref < 0 || (status[ref >> 1] & (S_SRC_NAT | S_DST_NAT)) == 0) {
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

    private int find(int src, int dst, int sport, int dport, int protocol) {
        int h = hash(src, dst, sport, dport, protocol);
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int ref = slotRef[i];
            if (ref < 0) {
                return -1;
            }
            if (slotHash[i] == h && matches(ref, src, dst, sport, dport, protocol)) {
                return ref;
            }
        }
    }

    /** As {@link #find}, but an expired entry is removed and not found. */
    private int lookup(int src, int dst, int sport, int dport, int protocol) {
        int ref = find(src, dst, sport, dport, protocol);
        if (ref >= 0 && expires[ref >> 1] - now <= 0) {
            kill(ref >> 1);
            return -1;
        }
        return ref;
    }

    private void insert(int ref, int h) {
        int i = h & mask;
        while (slotRef[i] >= 0) {
            i = (i + 1) & mask;
        }
        slotRef[i] = ref;
        slotHash[i] = h;
    }

    private void remove(int ref, int h) {
        int i = h & mask;
        while (slotRef[i] != ref) {
            if (slotRef[i] < 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // backward-shift deletion
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (slotRef[j] < 0) {
                break;
            }
            int k = slotHash[j] & mask;
            boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
            if (movable) {
                slotRef[i] = slotRef[j];
                slotHash[i] = slotHash[j];
                i = j;
            }
        }
        slotRef[i] = -1;
    }
}
