package org.jptables.kernel.path;

import org.jptables.kernel.packet.Checksums;

/**
 * The IPv4 record-route option (RFC 791, type 7) as Linux fills it: on receipt, after PREROUTING
 * and routing (ip_rcv_options), the address the packet arrived for is written at the pointer and
 * the pointer advances; when the packet is forwarded, after FORWARD (ip_forward_options), that
 * slot is overwritten with the source address of the outgoing route and the header checksum is
 * computed again. A full option is left alone. Other options pass unchanged.
 */
final class RecordRoute {
    private static final int END = 0;
    private static final int NOP = 1;
    private static final int RR = 7;

    private RecordRoute() {
    }

    /**
     * Records {@code address} in the packet's record-route option, if it has one with room left.
     * Returns the option's offset in the header when an address was recorded, else -1.
     */
    static int onReceive(byte[] ip, int offset, int address) {
        int ihl = (ip[offset] & 0x0F) * 4;
        int at = offset + 20;
        int end = offset + ihl;
        while (at < end) {
            int type = ip[at] & 0xFF;
            if (type == END) {
                return -1;
            }
            if (type == NOP) {
                at++;
                continue;
            }
            if (at + 1 >= end) {
                return -1;
            }
            int length = ip[at + 1] & 0xFF;
            if (length < 2 || at + length > end) {
                return -1;
            }
            if (type == RR && length >= 3) {
                int pointer = ip[at + 2] & 0xFF;
                if (pointer >= 4 && pointer <= length && pointer + 3 <= length) {
                    put32(ip, at + pointer - 1, address);
                    ip[at + 2] = (byte) (pointer + 4);
                    return at - offset;
                }
                return -1;
            }
            at += length;
        }
        return -1;
    }

    /** Overwrites the address recorded on receipt with the outgoing route's source; fixes the checksum. */
    static void onForward(byte[] ip, int offset, int option, int address) {
        int at = offset + option;
        int pointer = ip[at + 2] & 0xFF;
        put32(ip, at + pointer - 5, address);
        int ihl = (ip[offset] & 0x0F) * 4;
        ip[offset + 10] = 0;
        ip[offset + 11] = 0;
        int sum = Checksums.finish(Checksums.sum(ip, offset, ihl, 0));
        ip[offset + 10] = (byte) (sum >>> 8);
        ip[offset + 11] = (byte) sum;
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
