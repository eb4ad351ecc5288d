package org.jptables.live.nfqueue;

import static org.jptables.live.testing.Ipv4Packets.UDP_DATA;
import static org.jptables.live.testing.Ipv4Packets.address;
import static org.jptables.live.testing.TestNamespaces.check;
import static org.jptables.live.testing.TestNamespaces.exec;
import static org.jptables.live.testing.TestNamespaces.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jptables.live.net.RawIpSender;
import org.jptables.live.netlink.NetlinkException;
import org.jptables.live.testing.Ipv4Packets;
import org.jptables.live.testing.NamespaceThread;
import org.jptables.live.testing.TestNamespaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * NfQueue against the real kernel: two namespaces of the test's own joined by a veth (src
 * 198.18.0.2 on s0, fw 198.18.0.1 on eth0). UDP datagrams to fw port 9 are sent from src with a
 * {@link RawIpSender}; in fw a raw PREROUTING rule queues them, the queue is read on a thread that
 * lives in fw, and what the verdicts did is checked on the kernel's side: a UDP socket bound in fw
 * (which datagrams arrived, with which bytes) and iptables-legacy counters (marks, TTL).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NfQueueLiveTest {
    private static final byte[] SRC = address("198.18.0.2");
    private static final byte[] FW = address("198.18.0.1");
    private static final long WAIT_NANOS = 5_000_000_000L;

    private TestNamespaces namespaces;
    private String fw;
    private NamespaceThread inSrc;
    private NamespaceThread inFw;
    private RawIpSender sender;
    private DatagramSocket listener;
    private int eth0;
    private int nextQueue = 20;
    private int nextIpId = 1;

    @BeforeAll
    void setUp() throws IOException {
        TestNamespaces.assumeAvailable();
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/iptables-legacy")), "needs iptables-legacy: skipped");
        namespaces = new TestNamespaces();
        String src = namespaces.add("nfq-src");
        fw = namespaces.add("nfq-fw");
        check(run("ip", "link", "add", "s0", "address", "02:00:00:00:00:02", "netns", src, "type", "veth",
                "peer", "name", "eth0", "address", "02:00:00:00:00:01", "netns", fw));
        check(run("ip", "-n", src, "addr", "add", "198.18.0.2/24", "dev", "s0"));
        check(run("ip", "-n", fw, "addr", "add", "198.18.0.1/24", "dev", "eth0"));
        check(run("ip", "-n", src, "link", "set", "s0", "up"));
        check(run("ip", "-n", fw, "link", "set", "eth0", "up"));
        // fixed neighbours: no ARP round trip to hold the first packets back
        check(run("ip", "-n", src, "neigh", "replace", "198.18.0.1", "lladdr", "02:00:00:00:00:01", "dev", "s0"));
        check(run("ip", "-n", fw, "neigh", "replace", "198.18.0.2", "lladdr", "02:00:00:00:00:02", "dev", "eth0"));
        String link = check(run("ip", "-n", fw, "-o", "link", "show", "eth0")).stdout();
        eth0 = Integer.parseInt(link.substring(0, link.indexOf(':')).strip());
        inSrc = new NamespaceThread(src);
        inFw = new NamespaceThread(fw);
        sender = inSrc.call(RawIpSender::open);
        listener = inFw.call(() -> {
            DatagramSocket s = new DatagramSocket(new InetSocketAddress("198.18.0.1", 9));
            s.setSoTimeout(150);
            return s;
        });
    }

    @AfterAll
    void tearDown() {
        if (sender != null) {
            inSrc.run(sender::close);
        }
        if (listener != null) {
            listener.close();
        }
        if (inSrc != null) {
            inSrc.close();
        }
        if (inFw != null) {
            inFw.close();
        }
        if (namespaces != null) {
            namespaces.close();
        }
    }

    @Test
    void packetsArriveWithTheirMetadataAndGoAsAnswered() {
        int n = rules("-A PREROUTING -i eth0 -p udp --dport 9 -j NFQUEUE --queue-num %d", "-A INPUT -p udp --dport 9");
        inFw.run(() -> {
            try (NfQueue q = NfQueue.open(QueueOptions.of(n).withReceiveTimeout(100))) {
                List<byte[]> sent = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    sent.add(send(64, "p" + i));
                }
                QueuedPacket p = new QueuedPacket();
                int firstId = 0;
                for (int i = 0; i < 4; i++) {
                    next(q, p);
                    if (i == 0) {
                        firstId = p.packetId();
                    }
                    assertEquals(firstId + i, p.packetId(), "ids count up in queue order");
                    assertEquals(n, p.queueNumber());
                    assertEquals(2, p.family());
                    assertEquals(0x0800, p.hwProtocol());
                    assertEquals(0, p.hook(), "PREROUTING");
                    assertEquals(eth0, p.inDevice());
                    assertEquals(0, p.outDevice());
                    assertEquals(6, p.hardwareAddressLength());
                    assertEquals(0x0200_0000_0002L, p.hardwareAddress(), "the sender's MAC");
                    assertFalse(p.hasMark());
                    assertFalse(p.truncated());
                    assertArrayEquals(sent.get(i), Arrays.copyOf(p.payload(), p.payloadLength()));
                    q.verdict(p.packetId(), i % 2 == 0 ? NfQueue.NF_ACCEPT : NfQueue.NF_DROP);
                }
                assertEquals(4, q.packetsReceived());
                assertEquals(4, q.verdictsSent());
                assertEquals(0, q.overruns());
            }
        });
        assertEquals(List.of("p0", "p2"), arrived(2));
        assertEquals(List.of(2L), counters("INPUT"));
    }

    @Test
    void aChangedPacketArrivesChanged() {
        int n = rules("-A PREROUTING -i eth0 -p udp --dport 9 -j NFQUEUE --queue-num %d",
                "-A INPUT -p udp --dport 9 -m ttl --ttl-eq 33\n-A INPUT -p udp --dport 9");
        inFw.run(() -> {
            try (NfQueue q = NfQueue.open(QueueOptions.of(n).withReceiveTimeout(100))) {
                send(64, "hello");
                send(64, "hi");
                QueuedPacket p = new QueuedPacket();
                next(q, p);
                byte[] b = p.payload();
                // same length: the data upper-cased and the TTL lowered, checksums fixed
                for (int i = UDP_DATA; i < p.payloadLength(); i++) {
                    b[i] = (byte) Character.toUpperCase(b[i]);
                }
                b[8] = 33;
                Ipv4Packets.fixChecksums(b, p.payloadLength());
                q.verdict(p.packetId(), NfQueue.NF_ACCEPT, NfQueue.NO_MARK, b, p.payloadLength());

                next(q, p);
                byte[] longer = Ipv4Packets.udp(SRC, FW, 40000, 9, 64, 7, "hi, and longer".getBytes(StandardCharsets.US_ASCII));
                q.verdict(p.packetId(), NfQueue.NF_ACCEPT, NfQueue.NO_MARK, longer, longer.length);
            }
        });
        assertEquals(List.of("HELLO", "hi, and longer"), arrived(2));
        assertEquals(List.of(1L, 2L), counters("INPUT"));
    }

    @Test
    void aBatchAnswersEveryPacketUpToItsId() {
        int n = rules("-A PREROUTING -i eth0 -p udp --dport 9 -j NFQUEUE --queue-num %d", "-A INPUT -p udp --dport 9");
        inFw.run(() -> {
            // two datagrams per read: the five packets take three reads
            try (NfQueue q = NfQueue.open(QueueOptions.of(n).withReceiveTimeout(100).withReceiveBatch(2))) {
                for (int i = 0; i < 5; i++) {
                    send(64, "b" + i);
                }
                QueuedPacket p = new QueuedPacket();
                for (int i = 0; i < 5; i++) {
                    next(q, p);
                }
                q.batchVerdict(p.packetId(), NfQueue.NF_ACCEPT, NfQueue.NO_MARK);
                assertEquals(1, q.batchVerdictsSent());
                assertEquals(0, q.verdictsSent());
            }
        });
        assertEquals(List.of("b0", "b1", "b2", "b3", "b4"), arrived(5));

        inFw.run(() -> {
            try (NfQueue q = NfQueue.open(QueueOptions.of(n).withReceiveTimeout(100).withReceiveBatch(1))) {
                for (int i = 0; i < 3; i++) {
                    send(64, "c" + i);
                }
                QueuedPacket p = new QueuedPacket();
                next(q, p);
                next(q, p);
                int second = p.packetId();
                next(q, p);
                q.batchVerdict(second, NfQueue.NF_DROP, NfQueue.NO_MARK); // c0 and c1, not c2
                q.verdict(p.packetId(), NfQueue.NF_ACCEPT);
                assertEquals(0, q.receive(p, false));
                assertEquals(0, q.refusedVerdicts(), "the single verdict found c2 still queued");
            }
        });
        assertEquals(List.of("c2"), arrived(1));
    }

    @Test
    void verdictsSetTheMark() {
        int n = rules("-A PREROUTING -i eth0 -p udp --dport 9 -j NFQUEUE --queue-num %d",
                "-A INPUT -p udp --dport 9 -m mark --mark 0x2a\n-A INPUT -p udp --dport 9 -m mark --mark 0xfffffffe\n"
                        + "-A INPUT -p udp --dport 9");
        inFw.run(() -> {
            try (NfQueue q = NfQueue.open(QueueOptions.of(n).withReceiveTimeout(100))) {
                for (int i = 0; i < 3; i++) {
                    send(64, "m" + i);
                }
                QueuedPacket p = new QueuedPacket();
                next(q, p);
                q.verdict(p.packetId(), NfQueue.NF_ACCEPT, 0x2A, null, 0);
                next(q, p);
                next(q, p);
                q.batchVerdict(p.packetId(), NfQueue.NF_ACCEPT, 0xFFFF_FFFEL);
            }
        });
        assertEquals(3, arrived(3).size());
        assertEquals(List.of(1L, 2L, 3L), counters("INPUT"));
    }

    @Test
    void aSecondSocketCannotBindTheSameQueue() {
        int n = rules("", "");
        inFw.run(() -> {
            try (NfQueue first = NfQueue.open(QueueOptions.of(n))) {
                NetlinkException refused = assertThrows(NetlinkException.class, () -> NfQueue.open(QueueOptions.of(n)));
                // nfqnl_recv_config: a queue owned by another port id answers EPERM before BIND could say EBUSY
                assertEquals(1, refused.errno());
                assertEquals("queue " + n + ": bind: Operation not permitted"
                        + " (another socket has bound this queue, or CAP_NET_ADMIN is missing)", refused.getMessage());
                assertEquals(n, first.queueNumber());
            }
            // closing unbound it: it can be bound again
            NfQueue.open(QueueOptions.of(n)).close();
        });
    }

    @Test
    void refusedVerdictsAreCountedNotThrown() {
        int n = rules("", "");
        inFw.run(() -> {
            try (NfQueue q = NfQueue.open(QueueOptions.of(n))) {
                QueuedPacket p = new QueuedPacket();
                q.verdict(4242, NfQueue.NF_ACCEPT);
                assertEquals(0, q.receive(p, false), "nothing queued");
                assertEquals(1, q.refusedVerdicts());
                assertEquals(4242, q.lastRefusedId());
                assertEquals(2, q.lastRefusedErrno(), "ENOENT: no such packet");
                q.batchVerdict(10, NfQueue.NF_DROP, NfQueue.NO_MARK);
                assertEquals(0, q.receive(p, false));
                assertEquals(2, q.refusedVerdicts());
                assertEquals(10, q.lastRefusedId());
                IllegalArgumentException stolen = assertThrows(IllegalArgumentException.class, () -> q.verdict(1, 2));
                assertEquals("queue " + n + ": verdict 2 is none of NF_DROP, NF_ACCEPT, NF_QUEUE, NF_REPEAT", stolen.getMessage());
            }
        });
    }

    @Test
    void overrunsAreCountedAndFailOpenLetsTheRestPass() {
        int n = rules("-A PREROUTING -i eth0 -p udp --dport 9 -j NFQUEUE --queue-num %d", "");
        int count = 30;
        int[] queued = new int[1];
        inFw.run(() -> {
            // the smallest receive buffer the kernel allows holds a packet message or two
            try (NfQueue q = NfQueue.open(QueueOptions.of(n).withReceiveBuffer(1).withFailOpen(true).withReceiveTimeout(100))) {
                for (int i = 0; i < count; i++) {
                    send(64, "o" + i);
                }
                Thread.sleep(300);
                QueuedPacket p = new QueuedPacket();
                while (q.receive(p, true) == 1) {
                    q.verdict(p.packetId(), NfQueue.NF_ACCEPT);
                }
                queued[0] = (int) q.packetsReceived();
                assertTrue(q.overruns() >= 1, "recv reported ENOBUFS");
            }
        });
        assertTrue(queued[0] >= 1 && queued[0] < count, queued[0] + " of " + count + " reached the queue");
        assertEquals(count, arrived(count).size(), "fail-open accepted what the socket could not hold");
    }

    @Test
    void localPacketsCarryTheirOwnersUidAndGid() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs util-linux setpriv to send as another user: skipped");
        int n = rules("-A OUTPUT -p udp --dport 9 -j NFQUEUE --queue-num %d", "");
        inFw.run(() -> {
            try (NfQueue q = NfQueue.open(QueueOptions.of(n).withUidGid(true).withReceiveTimeout(100))) {
                check(exec(fw, "setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                        "bash", "-c", "echo -n nobody > /dev/udp/198.18.0.2/9"));
                QueuedPacket p = new QueuedPacket();
                next(q, p);
                assertEquals(3, p.hook(), "OUTPUT");
                assertEquals(0, p.inDevice());
                assertEquals(eth0, p.outDevice());
                assertTrue(p.hasUid() && p.hasGid());
                assertEquals(65534, p.uid());
                assertEquals(65534, p.gid());
                assertEquals("nobody", new String(p.payload(), UDP_DATA, p.payloadLength() - UDP_DATA, StandardCharsets.US_ASCII));
                q.verdict(p.packetId(), NfQueue.NF_DROP);
            }
        });
    }

    @Test
    void conntrackStateOrAClearRefusal() {
        int n = rules("", "-A INPUT -p udp --dport 9 -m conntrack --ctstate NEW,ESTABLISHED -j NFQUEUE --queue-num %d");
        inFw.run(() -> {
            NfQueue q;
            try {
                q = NfQueue.open(QueueOptions.of(n).withConntrack(true).withReceiveTimeout(100));
            } catch (NetlinkException e) {
                // kernels built without NETFILTER_NETLINK_GLUE_CT cannot attach conntrack to queued packets
                assertEquals(95, e.errno());
                assertEquals("queue " + n + ": flags 0x2: Operation not supported"
                        + " (the kernel lacks NETFILTER_NETLINK_GLUE_CT, the conntrack glue of nfnetlink_queue)", e.getMessage());
                return;
            }
            try (q) {
                send(64, "ct");
                QueuedPacket p = new QueuedPacket();
                next(q, p);
                assertTrue(p.hasConntrackInfo());
                assertEquals(2, p.conntrackInfo(), "IP_CT_NEW");
                q.verdict(p.packetId(), NfQueue.NF_ACCEPT);
            }
            assertEquals(List.of("ct"), arrived(1));
        });
    }

    // --- helpers ---

    /** Replaces fw's raw and filter tables; {@code %d} in a rule is this test's queue number. */
    private int rules(String raw, String filter) {
        int n = nextQueue++;
        String text = "*raw\n:PREROUTING ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n" + lines(raw.formatted(n)) + "COMMIT\n"
                + "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n" + lines(filter.formatted(n)) + "COMMIT\n";
        try {
            Path file = Files.createTempFile("jpt-nfq-rules", ".txt");
            try {
                Files.writeString(file, text);
                check(exec(fw, "iptables-legacy-restore", file.toString()));
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        drain();
        return n;
    }

    private static String lines(String rules) {
        return rules.isEmpty() ? "" : rules + "\n";
    }

    /** Sends a UDP datagram 198.18.0.2:40000 -> 198.18.0.1:9 from src; returns the packet. */
    private byte[] send(int ttl, String data) {
        byte[] ip = Ipv4Packets.udp(SRC, FW, 40000, 9, ttl, nextIpId++, data.getBytes(StandardCharsets.US_ASCII));
        inSrc.run(() -> sender.send(ip, ip.length));
        return ip;
    }

    /** The next packet of {@code q}, waiting at most 5 s. */
    private static void next(NfQueue q, QueuedPacket p) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (q.receive(p, true) == 0) {
            if (System.nanoTime() > deadline) {
                fail("queue " + q.queueNumber() + ": no packet within 5 s");
            }
        }
    }

    /** The data of the datagrams fw's port 9 received: {@code expected} of them, and no more. */
    private List<String> arrived(int expected) {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (got.size() < expected && System.nanoTime() < deadline) {
            receiveInto(got);
        }
        receiveInto(got); // one more wait: nothing else may come
        return got;
    }

    private void drain() {
        List<String> stale = new ArrayList<>();
        receiveInto(stale);
        assertEquals(List.of(), stale, "datagrams left over from an earlier test");
    }

    private void receiveInto(List<String> got) {
        byte[] buffer = new byte[2048];
        DatagramPacket d = new DatagramPacket(buffer, buffer.length);
        try {
            while (true) {
                listener.receive(d);
                got.add(new String(buffer, 0, d.getLength(), StandardCharsets.US_ASCII));
            }
        } catch (SocketTimeoutException e) {
            // nothing more for now
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The packet counters of fw's filter chain {@code chain}, rule by rule. */
    private List<Long> counters(String chain) {
        String out = check(exec(fw, "iptables-legacy", "-t", "filter", "-L", chain, "-v", "-x", "-n")).stdout();
        List<Long> counts = new ArrayList<>();
        String[] lines = out.split("\n");
        for (int i = 2; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                counts.add(Long.parseLong(lines[i].strip().split("\\s+")[0]));
            }
        }
        return counts;
    }
}
