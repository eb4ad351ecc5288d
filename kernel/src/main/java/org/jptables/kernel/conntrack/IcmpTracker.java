package org.jptables.kernel.conntrack;

import org.jptables.kernel.packet.PacketView;

/**
 * The ICMP tracker (nf_conntrack_proto_icmp): queries (echo, timestamp, info, address mask) are
 * connections of their own, keyed by id and type; errors (types 3, 4, 5, 11, 12) are not, they are
 * RELATED to the connection of the packet they quote.
 */
final class IcmpTracker {
    static final int PROTOCOL = 1;

    private final ConntrackTable table;
    private final int timeout;

    IcmpTracker(ConntrackTable table, ConntrackConfig config) {
        this.table = table;
        this.timeout = config.icmp();
    }

    static boolean isError(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    /** The reply type of an ICMP query type, or -1 if it has none (the tuple can't be inverted). */
    static int inverse(int type) {
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

    /** icmp_packet: only a request may open a connection (a reply nobody asked for is INVALID). */
    int packet(int e) {
        int type = table.origDport[e] >> 8;
        if (type != 8 && type != 13 && type != 15 && type != 17) {
            return ProtocolVerdict.INVALID;
        }
        table.refresh(e, timeout);
        return ProtocolVerdict.ACCEPT;
    }

    /**
     * icmp_error_message: the entry the error's quoted packet belongs to, marked RELATED in the
     * direction opposite to the quoted packet's, or -1 (INVALID) if there is none or the error is
     * addressed to someone other than that packet's sender.
     */
    int relatedEntry(PacketView p, int l4, int len) {
        int inner = l4 + 8;
        if (len - inner < 20) {
            return -1;
        }
        int iihl = (p.u8(inner) & 0x0F) * 4;
        if ((p.u16(inner + 6) & 0x1FFF) != 0) {
            return -1;
        }
        int idata = inner + iihl;
        if (idata > len) {
            return -1;
        }
        int iproto = p.u8(inner + 9);
        int isrc = (int) p.u32(inner + 12);
        int idst = (int) p.u32(inner + 16);
        // the quoted packet went the other way: look up the inverse of its tuple
        int lsport;
        int ldport;
        switch (iproto) {
            case TcpTracker.PROTOCOL, UdpTracker.PROTOCOL -> {
                if (len - idata < 4) {
                    return -1;
                }
                lsport = p.u16(idata + 2);
                ldport = p.u16(idata);
            }
            case PROTOCOL -> {
                if (len - idata < 8) {
                    return -1;
                }
                int inv = inverse(p.u8(idata));
                if (inv < 0) {
                    return -1;
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
            return -1;
        }
        int e = ref >> 1;
        int dir = ref & 1;
        int ctDst = dir == 0 ? table.origDst[e] : table.replyDst[e];
        if (ctDst != p.destination()) {
            return -1;
        }
        table.ctinfo[e] = dir == 0 ? ConntrackInfo.RELATED : ConntrackInfo.RELATED + ConntrackInfo.IS_REPLY;
        return e;
    }
}
