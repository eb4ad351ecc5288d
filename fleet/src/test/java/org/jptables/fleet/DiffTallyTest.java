package org.jptables.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The destination port of a differing packet, read from the IPv4 header as captured. */
class DiffTallyTest {
    @Test
    void ports() {
        assertEquals("tcp/22", DiffTally.port(packet(6, 0, 22), 2, 40));
        assertEquals("udp/53", DiffTally.port(packet(17, 0, 53), 2, 40));
        assertEquals("icmp", DiffTally.port(packet(1, 0, 0), 2, 40));
        assertEquals("proto 47", DiffTally.port(packet(47, 0, 0), 2, 40));
        assertEquals("tcp/fragment", DiffTally.port(packet(6, 185, 22), 2, 40), "a later fragment has no port");
        assertEquals("tcp/fragment", DiffTally.port(packet(6, 0, 22), 2, 22), "too short for ports");
    }

    /** An IPv4 header (20 bytes) at offset 2, fragment offset {@code fragment}, then ports 1234 -> {@code port}. */
    private static byte[] packet(int protocol, int fragment, int port) {
        byte[] b = new byte[42];
        b[2] = 0x45;
        b[2 + 6] = (byte) (fragment >> 8);
        b[2 + 7] = (byte) fragment;
        b[2 + 9] = (byte) protocol;
        b[22] = (byte) (1234 >> 8);
        b[23] = (byte) 1234;
        b[24] = (byte) (port >> 8);
        b[25] = (byte) port;
        return b;
    }
}
