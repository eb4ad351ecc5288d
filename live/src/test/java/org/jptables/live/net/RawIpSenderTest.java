package org.jptables.live.net;

import static org.jptables.live.testing.Ipv4Packets.address;
import static org.jptables.live.testing.TestNamespaces.check;
import static org.jptables.live.testing.TestNamespaces.exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jptables.live.testing.Ipv4Packets;
import org.jptables.live.testing.NamespaceThread;
import org.jptables.live.testing.TestNamespaces;
import org.junit.jupiter.api.Test;

/**
 * Raw IPv4 sends inside a namespace of the test's own: a datagram to 127.0.0.1 reaches a UDP
 * socket there, and OUTPUT counters show which packets carried the sender's mark.
 */
class RawIpSenderTest {
    private static final byte[] LOOPBACK = address("127.0.0.1");

    @Test
    void sendsWholePacketsWithAndWithoutMark() throws Exception {
        TestNamespaces.assumeAvailable();
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/iptables-legacy")), "needs iptables-legacy: skipped");
        try (TestNamespaces namespaces = new TestNamespaces()) {
            String ns = namespaces.add("raw");
            check(exec(ns, "iptables-legacy", "-A", "OUTPUT", "-p", "udp", "--dport", "9999", "-m", "mark", "--mark", "0x7"));
            check(exec(ns, "iptables-legacy", "-A", "OUTPUT", "-p", "udp", "--dport", "9999"));
            try (NamespaceThread in = new NamespaceThread(ns)) {
                List<String> got = in.call(() -> {
                    try (DatagramSocket listener = new DatagramSocket(new InetSocketAddress("127.0.0.1", 9999));
                         RawIpSender marked = RawIpSender.open(7);
                         RawIpSender plain = RawIpSender.open()) {
                        listener.setSoTimeout(2000);
                        byte[] one = Ipv4Packets.udp(LOOPBACK, LOOPBACK, 5555, 9999, 64, 1, "marked".getBytes(StandardCharsets.US_ASCII));
                        byte[] two = Ipv4Packets.udp(LOOPBACK, LOOPBACK, 5555, 9999, 64, 2, "plain".getBytes(StandardCharsets.US_ASCII));
                        marked.send(one, one.length);
                        plain.send(two, two.length);
                        assertEquals(1, marked.sent());
                        assertEquals(7, marked.mark());
                        assertEquals(RawIpSender.NO_MARK, plain.mark());
                        List<String> data = new ArrayList<>();
                        byte[] buffer = new byte[100];
                        for (int i = 0; i < 2; i++) {
                            DatagramPacket d = new DatagramPacket(buffer, buffer.length);
                            listener.receive(d);
                            data.add(new String(buffer, 0, d.getLength(), StandardCharsets.US_ASCII));
                        }
                        return data;
                    }
                });
                assertEquals(List.of("marked", "plain"), got);
                String listing = check(exec(ns, "iptables-legacy", "-L", "OUTPUT", "-v", "-x", "-n")).stdout();
                String[] lines = listing.split("\n");
                assertEquals("1", lines[2].strip().split("\\s+")[0], "only the marked packet matched --mark 0x7");
                assertEquals("2", lines[3].strip().split("\\s+")[0]);

                in.run(() -> {
                    try (RawIpSender sender = RawIpSender.open()) {
                        byte[] nowhere = Ipv4Packets.udp(LOOPBACK, address("198.18.9.9"), 5555, 9, 64, 3, new byte[1]);
                        RawSendException e = assertThrows(RawSendException.class, () -> sender.send(nowhere, nowhere.length));
                        assertEquals("raw send of 29 bytes to 198.18.9.9: Network is unreachable", e.getMessage());
                        assertEquals(101, e.errno());
                        byte[] v6 = nowhere.clone();
                        v6[0] = 0x60;
                        assertEquals("raw send: first byte 0x60 is not IPv4 with a header of 5..7 words",
                                assertThrows(IllegalArgumentException.class, () -> sender.send(v6, v6.length)).getMessage());
                        assertThrows(IllegalArgumentException.class, () -> sender.send(nowhere, 19));
                        assertThrows(IllegalArgumentException.class, () -> sender.send(nowhere, 30));
                    }
                });
            }
        }
    }

    @Test
    void refusesAMarkThatIsNot32Bits() {
        assertEquals("raw socket: mark 4294967296 is not 0..0xffffffff nor NO_MARK",
                assertThrows(IllegalArgumentException.class, () -> RawIpSender.open(1L << 32)).getMessage());
    }
}
