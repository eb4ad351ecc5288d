package org.jptables.kernel.ipset;

/** ipset's address range arithmetic (pfxlen.c): ranges cut into the largest aligned nets. */
final class Ranges {
    private Ranges() {
    }

    /**
     * ip_set_range_to_cidr: the prefix length of the largest net that starts at {@code from} and
     * ends by {@code to}, in the low byte, with that net's last address above it
     * ({@code last << 8 | cidr}).
     */
    static long netAt(long from, long to) {
        for (int i = 1; i < 32; i++) {
            long mask = PacketFields.netmask(i);
            if ((from & mask) != from) {
                continue;
            }
            long last = from | (~mask & 0xFFFFFFFFL);
            if (last <= to) {
                return last << 8 | i;
            }
        }
        return from << 8 | 32;
    }

    /** ip_set_mask_from_to's last address of the net of {@code ip} and {@code cidr}. */
    static long last(long ip, int cidr) {
        return (ip & PacketFields.netmask(cidr)) | (~PacketFields.netmask(cidr) & 0xFFFFFFFFL);
    }
}
