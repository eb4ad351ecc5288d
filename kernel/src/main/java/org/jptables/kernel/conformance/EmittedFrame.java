package org.jptables.kernel.conformance;

import java.util.HexFormat;

/**
 * A frame that left fw, in the form two recordings can be compared in. What the kernel chooses at
 * random is blanked: the IP ID of packets fw itself makes (ICMP errors, echo replies), with the IP
 * header checksum that covers it, and the TCP checksum of the RSTs fw makes, which the recording
 * caught before the NIC completed it (CHECKSUM_PARTIAL).
 */
record EmittedFrame(String on, String hex) {
    private static final HexFormat HEX = HexFormat.of();

    static EmittedFrame of(String on, byte[] frame, boolean madeByHost) {
        byte[] f = frame.clone();
        if (madeByHost && f.length >= 14 + 20 && (f[12] & 0xff) == 0x08 && f[13] == 0) {
            int ip = 14;
            int ihl = (f[ip] & 0x0f) * 4;
            f[ip + 4] = 0;
            f[ip + 5] = 0;
            f[ip + 10] = 0;
            f[ip + 11] = 0;
            int protocol = f[ip + 9] & 0xff;
            int l4 = ip + ihl;
            if (protocol == 6 && f.length >= l4 + 20 && (f[l4 + 13] & 0x04) != 0) {
                f[l4 + 16] = 0;
                f[l4 + 17] = 0;
            }
        }
        return new EmittedFrame(on, HEX.formatHex(f));
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
