package org.jptables.kernel.conntrack;

import java.util.ArrayList;
import java.util.List;

import org.jptables.api.Addresses;

/**
 * The table as /proc/net/nf_conntrack prints it (ct_seq_show), so listings can be compared with a
 * kernel's word for word. Not on the packet path: it allocates.
 */
final class ConntrackProcListing {
    private static final int ICMP = IcmpTracker.PROTOCOL;
    private static final int TCP = TcpTracker.PROTOCOL;
    private static final int UDP = UdpTracker.PROTOCOL;
    private static final int GRE = GreTracker.PROTOCOL;

    private final ConntrackTable table;

    ConntrackProcListing(ConntrackTable table) {
        this.table = table;
    }

    /** The confirmed, unexpired entries in handle order; the expired ones are removed first. */
    List<String> lines(long nowNanos) {
        table.now = nowNanos;
        // the expired go first: an expected entry's end must show in its master's use count
        table.sweepExpired();
        List<String> lines = new ArrayList<>();
        for (int e = 0; e < table.capacity; e++) {
            if (table.confirmed(e)) {
                lines.add(line(e, nowNanos));
            }
        }
        return lines;
    }

    private String line(int e, long nowNanos) {
        StringBuilder s = new StringBuilder(200);
        int p = table.l4Protocol[e];
        s.append("ipv4     2 ");
        String name = protoName(p);
        s.append(name);
        for (int i = name.length(); i < 8; i++) {
            s.append(' ');
        }
        s.append(' ').append(p).append(' ');
        s.append((table.expires[e] - nowNanos) / ConntrackTable.SECOND).append(' ');
        if (p == TCP) {
            s.append(TcpStateTable.name(table.tcp.state[e])).append(' ');
        } else if (p == GRE) {
            s.append("timeout=").append(GreTracker.TIMEOUT).append(", stream_timeout=")
                    .append(GreTracker.STREAM_TIMEOUT).append(' ');
        }
        appendTuple(s, p, table.origSrc[e], table.origDst[e], table.origSport[e], table.origDport[e]);
        if (table.zones.directions[e] == ConntrackZones.ORIGINAL) {
            s.append("zone-orig=").append(table.zones.id[e]).append(' ');
        }
        appendAcct(s, e, 0);
        if ((table.status[e] & EntryStatus.SEEN_REPLY) == 0) {
            s.append("[UNREPLIED] ");
        }
        appendTuple(s, p, table.replySrc[e], table.replyDst[e], table.replySport[e], table.replyDport[e]);
        if (table.zones.directions[e] == ConntrackZones.REPLY) {
            s.append("zone-reply=").append(table.zones.id[e]).append(' ');
        }
        appendAcct(s, e, 1);
        if ((table.status[e] & EntryStatus.ASSURED) != 0) {
            s.append("[ASSURED] ");
        }
        s.append("mark=").append(Integer.toUnsignedString(table.mark[e])).append(' ');
        if (table.zones.directions[e] == ConntrackZones.BOTH) {
            s.append("zone=").append(table.zones.id[e]).append(' ');
        }
        // one reference of the table's, one of the reader's, one per expected connection alive
        s.append("use=").append(2 + table.children[e]);
        return s.toString();
    }

    /** seq_print_acct: the direction's counters, for an entry that has them. */
    private void appendAcct(StringBuilder s, int e, int direction) {
        long packets = table.acct.packets(e, direction);
        if (packets >= 0) {
            s.append("packets=").append(packets).append(" bytes=").append(table.acct.bytes(e, direction)).append(' ');
        }
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
            case GRE -> "gre";
            case 132 -> "sctp";
            case 136 -> "udplite";
            case 58 -> "icmpv6";
            default -> "unknown";
        };
    }
}
