package org.jptables.plugins.tcpmss;

/** The incremental update of an Internet checksum (RFC 1624), as the kernel's csum_replace2. */
final class Checksum {
    private Checksum() {
    }

    /** The checksum after a 16-bit word covered by it changed from {@code from} to {@code to}. */
    static int replace16(int checksum, int from, int to) {
        // HC' = ~(~HC + ~m + m')
        int sum = (~checksum & 0xFFFF) + (~from & 0xFFFF) + (to & 0xFFFF);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return ~sum & 0xFFFF;
    }
}
