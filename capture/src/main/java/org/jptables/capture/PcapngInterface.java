package org.jptables.capture;

import java.nio.charset.StandardCharsets;

/**
 * What a pcapng interface description block says of the packets of its interface: their link
 * type, the interface's name (if_name) and the resolution of their timestamps (if_tsresol).
 *
 * @param linkType       the LINKTYPE_ value of the interface's records
 * @param name           if_name, or null
 * @param unitsPerSecond timestamp units in a second (10^6 unless if_tsresol says otherwise)
 */
record PcapngInterface(int linkType, String name, long unitsPerSecond) {
    /**
     * The description in {@code body} (the block without its type, length and trailer), of a
     * section in the byte order {@code bigEndian}; {@code at} is the block's offset, for messages.
     */
    static PcapngInterface parse(byte[] body, boolean bigEndian, long at) throws CaptureException {
        if (body.length < 8) {
            throw new CaptureException(at, "an interface description block of " + body.length + " bytes: too short");
        }
        int linkType = u16(body, 0, bigEndian);
        String name = null;
        long units = 1_000_000;
        int p = 8;
        while (p + 4 <= body.length) {
            int code = u16(body, p, bigEndian);
            int len = u16(body, p + 2, bigEndian);
            if (code == 0) {
                break;
            }
            if (p + 4 + len > body.length) {
                throw new CaptureException(at + 8 + p, "an interface option runs past its block");
            }
            if (code == 2) {
                int n = len;
                while (n > 0 && body[p + 4 + n - 1] == 0) {
                    n--;
                }
                name = new String(body, p + 4, n, StandardCharsets.UTF_8);
            } else if (code == 9 && len >= 1) {
                int v = body[p + 4] & 0xFF;
                units = (v & 0x80) != 0 ? 1L << (v & 0x7F) : pow10(v);
            }
            p += 4 + ((len + 3) & ~3);
        }
        return new PcapngInterface(linkType, name, units);
    }

    /** A timestamp of this interface in nanoseconds. */
    long nanos(long timestamp) {
        return unitsPerSecond == 1_000_000_000L ? timestamp
                : unitsPerSecond == 1_000_000L ? timestamp * 1000 : (long) (timestamp * (1e9 / unitsPerSecond));
    }

    private static int u16(byte[] b, int at, boolean bigEndian) {
        int be = LinkTypes.u16(b, at);
        return bigEndian ? be : ((be & 0xFF) << 8) | (be >>> 8);
    }

    private static long pow10(int e) {
        long v = 1;
        for (int i = 0; i < e; i++) {
            v *= 10;
        }
        return v;
    }
}
