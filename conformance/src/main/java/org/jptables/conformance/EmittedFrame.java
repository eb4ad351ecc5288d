package org.jptables.conformance;

import java.util.HexFormat;
import org.jptables.kernel.packet.Checksums;

/**
 * A frame that left fw, in the form two recordings can be compared in. What the kernel chooses at
 * random is blanked: the IP ID of packets fw itself makes (ICMP errors, echo replies), with the IP
 * header checksum that covers it. A TCP checksum the recording caught before the NIC completed it
 * (CHECKSUM_PARTIAL: the field still holds the pseudo-header sum, as in REJECT's RSTs) is completed,
 * so that it is compared with the checksum jptables writes.
 */
record EmittedFrame(String on, String hex) {
    private static final HexFormat HEX = HexFormat.of();

    static EmittedFrame of(String on, byte[] frame, boolean madeByHost) {
        byte[] f = frame.clone();
        if (f.length >= 14 + 20 && (f[12] & 0xff) == 0x08 && f[13] == 0) {
            int ip = 14;
            int ihl = (f[ip] & 0x0f) * 4;
            int total = ((f[ip + 2] & 0xff) << 8) | (f[ip + 3] & 0xff);
            int l4 = ip + ihl;
            int end = Math.min(f.length, ip + total);
            if ((f[ip + 9] & 0xff) == 6 && end >= l4 + 20) {
                completePartialChecksum(f, ip, l4, end);
            }
            if (madeByHost) {
                f[ip + 4] = 0;
                f[ip + 5] = 0;
                f[ip + 10] = 0;
                f[ip + 11] = 0;
            }
        }
        return new EmittedFrame(on, HEX.formatHex(f));
    }

    private static void completePartialChecksum(byte[] f, int ip, int l4, int end) {
        int length = end - l4;
        int pseudo = Checksums.sum(f, ip + 12, 8, 6 + length);
        int field = ((f[l4 + 16] & 0xff) << 8) | (f[l4 + 17] & 0xff);
        if (field != pseudo) {
            return;
        }
        f[l4 + 16] = 0;
        f[l4 + 17] = 0;
        int sum = Checksums.finish(Checksums.sum(f, l4, length, Checksums.sum(f, ip + 12, 8, 6 + length)));
        f[l4 + 16] = (byte) (sum >>> 8);
        f[l4 + 17] = (byte) sum;
    }

    /** The IPv4 source address of an Ethernet frame, or 0 when it carries none. */
    static int source(byte[] frame) {
        if (frame.length < 14 + 20) {
            return 0;
        }
        return ((frame[26] & 0xff) << 24) | ((frame[27] & 0xff) << 16) | ((frame[28] & 0xff) << 8) | (frame[29] & 0xff);
    }

    static int destination(byte[] frame) {
        if (frame.length < 14 + 20) {
            return 0;
        }
        return ((frame[30] & 0xff) << 24) | ((frame[31] & 0xff) << 16) | ((frame[32] & 0xff) << 8) | (frame[33] & 0xff);
    }

    @Override
    public String toString() {
        return on + ":" + hex;
    }
}
