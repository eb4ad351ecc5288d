package org.jptables.kernel.conntrack;

import org.jptables.kernel.packet.PacketView;

/**
 * The UDP tracker (nf_conntrack_proto_udp): unreplied, then replied, and a stream (ASSURED, the
 * longer timeout) once replies keep coming more than two seconds after the first packet, which is
 * how the kernel tells a DNS exchange from a lasting flow.
 */
final class UdpTracker {
    static final int PROTOCOL = 17;
    private static final long STREAM_AFTER = 2 * ConntrackTable.SECOND;

    private final ConntrackTable table;
    private final int timeout;
    private final int streamTimeout;

    UdpTracker(ConntrackTable table, ConntrackConfig config) {
        this.table = table;
        this.timeout = config.udp();
        this.streamTimeout = config.udpStream();
    }

    /** udp_error and udp_packet. */
    int packet(PacketView p, int e, int l4, int len, boolean verify) {
        if (len - l4 < 8) {
            return ProtocolVerdict.INVALID;
        }
        int ulen = p.u16(l4 + 4);
        if (ulen > len - l4 || ulen < 8) {
            return ProtocolVerdict.INVALID;
        }
        // a zero checksum means the sender computed none (RFC 768)
        if (p.u16(l4 + 6) != 0 && verify && !Layer4Checksum.valid(p, l4, len, true)) {
            return ProtocolVerdict.INVALID;
        }
        int st = table.status[e];
        if ((st & EntryStatus.CONFIRMED) == 0) {
            table.udpStreamTs[e] = table.now + STREAM_AFTER;
        }
        if ((st & EntryStatus.SEEN_REPLY) != 0) {
            int extra = timeout;
            boolean stream = false;
            if (table.now - table.udpStreamTs[e] > 0) {
                extra = streamTimeout;
                stream = (st & EntryStatus.ASSURED) == 0;
            }
            table.refresh(e, extra);
            if (stream) {
                table.status[e] |= EntryStatus.ASSURED;
            }
        } else {
            table.refresh(e, timeout);
        }
        return ProtocolVerdict.ACCEPT;
    }
}
