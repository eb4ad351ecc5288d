package org.jptables.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.jptables.kernel.packet.PacketView;

/** What tests of targets that rewrite packets check: the bytes as they are now, and a right IPv4 header checksum. */
public final class PacketBytes {
    private PacketBytes() {
    }

    /** A copy of the packet's bytes (the view's window of its buffer). */
    public static byte[] bytes(PacketView p) {
        return Arrays.copyOfRange(p.bytes(), p.offset(), p.offset() + p.length());
    }

    /** The IPv4 header checksum recomputed over the whole header: the sum with the field in it is 0xFFFF. */
    public static void assertHeaderChecksumRight(PacketView p) {
        byte[] b = bytes(p);
        int ihl = (b[0] & 0x0F) * 4;
        int sum = 0;
        for (int i = 0; i < ihl; i += 2) {
            sum += ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        assertEquals(0xFFFF, sum, "IP header checksum");
    }
}
