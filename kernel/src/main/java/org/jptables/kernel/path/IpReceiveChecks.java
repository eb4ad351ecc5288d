package org.jptables.kernel.path;

import org.jptables.kernel.packet.Checksums;

/**
 * ip_rcv_core's checks, made before any hook: a packet they refuse is dropped unseen by the
 * tables, so the path only needs its length or the reason for the trace.
 */
final class IpReceiveChecks {
    private static final String[] DROP_REASONS = {"ip_rcv:truncated-header", "ip_rcv:bad-version-or-ihl",
        "ip_rcv:bad-header-checksum", "ip_rcv:bad-total-length"};

    private IpReceiveChecks() {
    }

    /**
     * A packet shorter than its header, with a version other than 4, an IHL under 5, a wrong
     * header checksum (unless {@code checkHeader} is off) or a total length beyond the bytes
     * received is dropped; bytes after the total length (Ethernet padding) are trimmed. Returns
     * the packet's length, or -1..-4 for the reason it was dropped.
     */
    static int length(byte[] ip, int length, boolean checkHeader) {
        if (length < 20) {
            return -1;
        }
        int ihl = (ip[0] & 0x0F) * 4;
        if ((ip[0] & 0xF0) != 0x40 || ihl < 20) {
            return -2;
        }
        if (length < ihl) {
            return -1;
        }
        if (checkHeader && Checksums.sum(ip, 0, ihl, 0) != 0xFFFF) {
            return -3;
        }
        int total = ((ip[2] & 0xFF) << 8) | (ip[3] & 0xFF);
        if (total > length || total < ihl) {
            return -4;
        }
        return total;
    }

    /** The trace entry for a negative result of {@link #length}. */
    static String dropReason(int refused) {
        return DROP_REASONS[-refused - 1];
    }
}
