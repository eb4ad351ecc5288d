package org.jptables.kernel.conntrack;

import org.jptables.api.Effects;
import org.jptables.kernel.packet.PacketView;
import org.jptables.kernel.path.ConnectionTracking;

/**
 * nf_conntrack_in's own work, apart from what the tracker publishes on the packet: the IPv4 and
 * layer 4 header checks, the tuple, the entry found from either tuple or made anew
 * (init_conntrack, where an expectation claims the connection first), and the verdict of the
 * packet's protocol tracker, which may ask for the lookup again (a TCP entry closed and reopened).
 * Kept apart from {@link ConnectionTracker}, the face of many callers, because this is the one
 * per-packet classification Linux does at the first hook; it allocates nothing.
 */
final class ConntrackIn {
    private static final int ICMP = IcmpTracker.PROTOCOL;
    private static final int TCP = TcpTracker.PROTOCOL;
    private static final int UDP = UdpTracker.PROTOCOL;
    private static final int GRE = GreTracker.PROTOCOL;
    private static final int INVALID = ConnectionTracking.INVALID;
    private static final int TABLE_FULL = ConnectionTracking.TABLE_FULL;

    private final ConntrackConfig config;
    private final ConntrackTable table;
    private final NatBinding nat;
    private final TcpTracker tcpTracker;
    private final UdpTracker udpTracker;
    private final IcmpTracker icmpTracker;
    private final GreTracker greTracker;

    ConntrackIn(ConntrackConfig config, ConntrackTable table, NatBinding nat) {
        this.config = config;
        this.table = table;
        this.nat = nat;
        this.tcpTracker = new TcpTracker(table, config);
        this.udpTracker = new UdpTracker(table, config);
        this.icmpTracker = new IcmpTracker(table, config);
        this.greTracker = new GreTracker(table);
    }

    /**
     * The packet's entry, with its conntrack info set on the entry ({@code table.ctinfo}), or
     * {@link ConnectionTracking#INVALID} (no entry), or {@link ConnectionTracking#TABLE_FULL}
     * (the kernel drops the packet). The caller has set the table's clock and the zone looked up,
     * and publishes the result on the view.
     */
    int classify(PacketView p) {
        String in = p.inInterface();
        boolean pre = !in.isEmpty();
        boolean verify = pre && config.checksum() && !"lo".equals(in);
        int len = p.length();
        int tot = p.totalLength();
        if (tot >= 20 && tot < len) {
            len = tot;
        }
        if (len < 20) {
            return INVALID;
        }
        int ihl = p.headerLength();
        if (ihl < 20 || ihl > len || p.fragmentOffset() != 0) {
            return INVALID;
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
                    return INVALID;
                }
                if (verify && !Layer4Checksum.valid(p, l4, len, false)) {
                    return INVALID;
                }
                int type = p.u8(l4);
                if (type > 18) {
                    return INVALID;
                }
                if (IcmpTracker.isError(type)) {
                    int e = icmpTracker.relatedEntry(p, l4, len);
                    if (e < 0) {
                        return INVALID;
                    }
                    return e;
                }
                sport = p.u16(l4 + 4);
                dport = (type << 8) | p.u8(l4 + 1);
            }
            case TCP, UDP -> {
                if (len - l4 < 4) {
                    return INVALID;
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
                    int inv = IcmpTracker.inverse(dport >> 8);
                    if (inv < 0) {
                        return INVALID; // can't invert the tuple
                    }
                    replyDport = (inv << 8) | (dport & 0xFF);
                }
                e = table.newEntry(src, dst, sport, dport, protocol);
                if (e < 0) {
                    return TABLE_FULL;
                }
                table.replySrc[e] = dst;
                table.replyDst[e] = src;
                table.replySport[e] = protocol == ICMP ? sport : dport;
                table.replyDport[e] = protocol == ICMP ? replyDport : sport;
                dir = 0;
                // init_conntrack: an expectation claims the connection before its protocol looks at
                // the packet (an invalid first packet spends it all the same); else the template's helper
                int m = table.expectations.claim(src, dst, sport, dport, protocol, table.zones.lookupId());
                if (m >= 0) {
                    table.expectedOf(e, m);
                    if (table.expectations.claimedNatDir >= 0) {
                        followMaster(e, m, table.expectations.claimedNatDir, table.expectations.claimedSavedPort);
                    }
                    info = ConntrackInfo.RELATED;
                } else {
                    table.helper[e] = p.template().helper();
                    info = ConntrackInfo.NEW;
                }
                created = true;
            }
            table.ctinfo[e] = info;
            table.acct.packetDirection = dir;
            table.acct.packetLength = len;
            int result = switch (protocol) {
                case TCP -> tcpTracker.packet(p, e, dir, l4, len, verify);
                case UDP -> udpTracker.packet(p, e, l4, len, verify);
                case ICMP -> icmpTracker.packet(e);
                case GRE -> greTracker.packet(e);
                default -> genericPacket(e);
            };
            if (result == ProtocolVerdict.REPEAT) {
                continue;
            }
            if (result == ProtocolVerdict.INVALID) {
                if (created) {
                    table.release(e);
                }
                return INVALID;
            }
            if (dir == 1) {
                table.status[e] |= EntryStatus.SEEN_REPLY;
            }
            return e;
        }
        return INVALID;
    }

    /**
     * nf_nat_follow_master: an expected connection of a NAT helper is NATed as its master, before
     * any nat rule sees it (both manips are done): its source becomes where the master's
     * {@code dir} direction goes, its destination where that direction comes from, at the port the
     * master's side named.
     */
    private void followMaster(int e, int m, int dir, int port) {
        int source = dir == 0 ? table.replyDst[m] : table.origDst[m];
        int destination = dir == 0 ? table.replySrc[m] : table.origSrc[m];
        nat.bind(e, true, source, source, 0, 0, Effects.NAT_MAP_IPS);
        nat.bind(e, false, destination, destination, port, port, Effects.NAT_MAP_IPS | Effects.NAT_PROTO_SPECIFIED);
    }

    /** nf_conntrack_proto_generic: addresses and one timeout, too little for a class of its own. */
    private int genericPacket(int e) {
        table.refresh(e, config.generic());
        return ProtocolVerdict.ACCEPT;
    }
}
