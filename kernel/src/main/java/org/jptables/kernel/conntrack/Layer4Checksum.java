package org.jptables.kernel.conntrack;

import org.jptables.kernel.packet.PacketView;

/** The layer 4 checksum check nf_conntrack_in does at PREROUTING (nf_checksum). */
final class Layer4Checksum {
    private Layer4Checksum() {
    }

    /**
     * Whether the ones' complement sum over the layer 4 header and data (with the pseudo-header for
     * TCP and UDP) checks out: nf_conntrack_checksum makes arriving packets with bad sums INVALID.
     */
    static boolean valid(PacketView p, int l4, int len, boolean pseudo) {
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
}
