package org.jptables.kernel.conntrack;

/**
 * The GRE tracker (nf_conntrack_proto_gre, keys 0 for GRE version 0): 30 s until a reply was seen,
 * then 180 s and ASSURED. These timeouts are fixed in Linux (no sysctl), so they are here too.
 */
final class GreTracker {
    static final int PROTOCOL = 47;
    static final int TIMEOUT = 30;
    static final int STREAM_TIMEOUT = 180;

    private final ConntrackTable table;

    GreTracker(ConntrackTable table) {
        this.table = table;
    }

    int packet(int e) {
        if ((table.status[e] & EntryStatus.SEEN_REPLY) != 0) {
            table.refresh(e, STREAM_TIMEOUT);
            table.status[e] |= EntryStatus.ASSURED;
        } else {
            table.refresh(e, TIMEOUT);
        }
        return ProtocolVerdict.ACCEPT;
    }
}
