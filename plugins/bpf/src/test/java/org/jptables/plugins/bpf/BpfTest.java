package org.jptables.plugins.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -m bpf on packets: programs whose answers are worked out by hand. */
class BpfTest {
    /** {@code tcpdump -y RAW -ddd 'udp dst port 53'}, what nfbpf_compile RAW prints for it. */
    static final String UDP_DPORT_53 = "19,48 0 0 0,84 0 0 240,21 0 4 96,48 0 0 6,21 0 13 17,40 0 0 42,"
            + "21 10 11 53,48 0 0 0,84 0 0 240,21 0 8 64,48 0 0 9,21 0 6 17,40 0 0 6,69 4 0 8191,"
            + "177 0 0 0,72 0 0 2,21 0 1 53,6 0 0 262144,6 0 0 0";

    private final RuleTester filter = RuleTester.filter();

    private boolean runs(String bytecode, PacketView p) {
        return filter.matches("-m bpf --bytecode \"" + bytecode + "\"", p);
    }

    /** iptables 1.8.9 loads xt_bpf revision 1 (pinned objects); --list-plugins says so. */
    @Test
    void isRevisionOne() {
        assertEquals(1, new BpfExtension().revision());
    }

    @Test
    void udpDestinationPort53() {
        assertTrue(runs(UDP_DPORT_53, TestPackets.udp("198.18.0.1", 4000, "198.18.0.2", 53).view()));
        assertFalse(runs(UDP_DPORT_53, TestPackets.udp("198.18.0.1", 53, "198.18.0.2", 54).view()));
        assertFalse(runs(UDP_DPORT_53, TestPackets.tcp("198.18.0.1", 4000, "198.18.0.2", 53).view()));
        // options move the UDP header: the program reads the IHL with ldxb 4*([0]&0xf)
        var withOptions = TestPackets.udp("198.18.0.1", 4000, "198.18.0.2", 53);
        withOptions.ipv4().ipOptions(new byte[] {1, 1, 1, 0});
        assertTrue(runs(UDP_DPORT_53, withOptions.view()));
        // a later fragment has no UDP header: jset #0x1fff sends it to ret #0
        var fragment = TestPackets.udp("198.18.0.1", 4000, "198.18.0.2", 53);
        fragment.ipv4().fragmentOffset(1);
        assertFalse(runs(UDP_DPORT_53, fragment.view()));
        // cut before the port: the load fails and the program returns 0
        assertFalse(runs(UDP_DPORT_53, TestPackets.udp("198.18.0.1", 4000, "198.18.0.2", 53).truncated(22)));
        assertTrue(runs(UDP_DPORT_53, TestPackets.udp("198.18.0.1", 4000, "198.18.0.2", 53).truncated(24)));
    }

    @Test
    void netfilterTestProgramMatchesTcp() {
        String tcp = "4,48 0 0 9,21 0 1 6,6 0 0 1,6 0 0 0";
        assertTrue(runs(tcp, TestPackets.tcp("198.18.0.1", 1, "198.18.0.2", 2).view()));
        assertFalse(runs(tcp, TestPackets.udp("198.18.0.1", 1, "198.18.0.2", 2).view()));
        assertEquals("DROP", filter.verdictName("-m bpf --bytecode \"" + tcp + "\" -j DROP",
                TestPackets.tcp("198.18.0.1", 1, "198.18.0.2", 2).view()));
    }

    @Test
    void returnValueAndArithmetic() {
        PacketView p = TestPackets.udp("198.18.0.1", 1, "198.18.0.2", 2).view();
        assertFalse(runs("1,6 0 0 0", p));
        assertTrue(runs("1,6 0 0 4294967295", p));
        // A = 7; A -= 7; ret A -> 0
        assertFalse(runs("3,0 0 0 7,20 0 0 7,22 0 0 0", p));
        // A = 0 - 1 (wraps), A >> 31 -> 1
        assertTrue(runs("3,20 0 0 1,116 0 0 31,22 0 0 0", p));
        // X = 0; A = 5; A /= X: the kernel's program returns 0 at once, whatever comes next
        assertFalse(runs("4,1 0 0 0,0 0 0 5,60 0 0 0,6 0 0 1", p));
        assertFalse(runs("4,1 0 0 0,0 0 0 5,156 0 0 0,6 0 0 1", p));
        // A = 0xffffffff / 2 (unsigned) = 0x7fffffff; jeq
        assertTrue(runs("5,0 0 0 4294967295,52 0 0 2,21 0 1 2147483647,6 0 0 1,6 0 0 0", p));
        // A = 100 % 7 = 2, then NEG -> 0xfffffffe; jgt #0x80000000 unsigned
        assertTrue(runs("6,0 0 0 100,148 0 0 7,132 0 0 0,37 0 1 2147483648,6 0 0 1,6 0 0 0", p));
        // X = 33; A = 1 << X uses X's low 5 bits: 2
        assertTrue(runs("6,1 0 0 33,0 0 0 1,108 0 0 0,21 0 1 2,6 0 0 1,6 0 0 0", p));
    }

    @Test
    void lengthMemoryAndRegisters() {
        PacketView p = TestPackets.udp("198.18.0.1", 1, "198.18.0.2", 2).length(12).view();
        // ld len; jeq #40 (20 + 8 + 12)
        assertTrue(runs("4,128 0 0 0,21 0 1 40,6 0 0 1,6 0 0 0", p));
        // ldx len; txa; st M[3]; ld #0; ld M[3]; jeq #40
        assertTrue(runs("8,129 0 0 0,135 0 0 0,2 0 0 3,0 0 0 0,96 0 0 3,21 0 1 40,6 0 0 1,6 0 0 0", p));
        // ld [16] (destination address) ; tax ; ld #0 ; txa ; jeq 198.18.0.2
        assertTrue(runs("7,32 0 0 16,7 0 0 0,0 0 0 0,135 0 0 0,21 0 1 3323068418,6 0 0 1,6 0 0 0", p));
        // indirect: X = 16; ld [x + 3] is the last byte of the destination
        assertTrue(runs("5,1 0 0 16,80 0 0 3,21 0 1 2,6 0 0 1,6 0 0 0", p));
        // past the end, directly and through X
        assertFalse(runs("3,48 0 0 40,6 0 0 1,6 0 0 1", p));
        assertTrue(runs("3,48 0 0 39,6 0 0 1,6 0 0 1", p));
        assertFalse(runs("3,1 0 0 4294967280,80 0 0 1,6 0 0 1", p)); // x + k wraps to -15
        assertTrue(runs("3,1 0 0 4294967295,80 0 0 1,6 0 0 1", p)); // x + k wraps to 0
    }

    @Test
    void networkRelativeLoads() {
        PacketView p = TestPackets.udp("198.18.0.1", 1, "198.18.0.2", 2).view();
        // ldb [SKF_NET_OFF + 9] is the protocol byte
        assertTrue(runs("4,48 0 0 4293918729,21 0 1 17,6 0 0 1,6 0 0 0", p));
        // SKF_NET_OFF - 1 reaches the link layer, which is not part of the packets: returns 0
        assertFalse(runs("3,1 0 0 4293918719,80 0 0 0,6 0 0 1", p));
        // an indirect load landing between SKF_AD_OFF and 0 is network-relative and far out: 0
        assertFalse(runs("3,1 0 0 4294967295,80 0 0 0,6 0 0 1", p));
    }

    @Test
    void ancillaryData() {
        PacketView p = TestPackets.udp("198.18.0.1", 1, "198.18.0.2", 2).mark(0x2a).view();
        p.cpu(3).packetType(1);
        assertTrue(runs("4,32 0 0 4294963200,21 0 1 2048,6 0 0 1,6 0 0 0", p)); // protocol: ETH_P_IP
        assertTrue(runs("4,48 0 0 4294963204,21 0 1 1,6 0 0 1,6 0 0 0", p)); // pkttype, as ldb
        assertTrue(runs("4,40 0 0 4294963220,21 0 1 42,6 0 0 1,6 0 0 0", p)); // mark, as ldh
        assertTrue(runs("4,32 0 0 4294963236,21 0 1 3,6 0 0 1,6 0 0 0", p)); // cpu
        // A = 6; X = 3; A ^= X -> 5
        assertTrue(runs("6,0 0 0 6,1 0 0 3,32 0 0 4294963240,21 0 1 5,6 0 0 1,6 0 0 0", p));
        assertFalse(runs("2,32 0 0 4294963248,22 0 0 0", p)); // no offloaded VLAN tag
    }

    @Test
    void unmodelledLoadsAreRefusedByName() {
        assertEquals("bpf: jptables does not model the SKF_AD_RANDOM load of this program (the kernel would accept it)",
                filter.error("-m bpf --bytecode \"2,40 0 0 4294963256,6 0 0 0\""));
        assertEquals("bpf: jptables does not model the SKF_AD_IFINDEX load of this program (the kernel would accept it)",
                filter.error("-m bpf --bytecode \"2,32 0 0 4294963208,22 0 0 0\""));
        assertEquals("bpf: jptables does not model the SKF_LL_OFF load of this program (the kernel would accept it)",
                filter.error("-m bpf --bytecode \"2,48 0 0 4292870144,22 0 0 0\""));
        assertEquals(2, filter.failure("-m bpf --bytecode \"2,40 0 0 4294963256,6 0 0 0\"").status());
    }

    @Test
    void pinnedObjectsAreNotRun(@TempDir Path dir) throws Exception {
        Path pinned = Files.createFile(dir.resolve("prog"));
        assertEquals("bpf: jptables cannot run the eBPF object pinned at " + pinned
                + " (only --bytecode programs are evaluated)", filter.error("-m bpf --object-pinned " + pinned));
        assertEquals("bpf: failed to get bpf object", filter.error("-m bpf --object-pinned " + dir.resolve("none")));
    }

    @Test
    void listingCarriesLibxtBpfsNul() {
        assertTrue(filter.listed("-m bpf --bytecode \"1,6 0 0 1\"", true).endsWith("match bpf 6 0 0 1\0"));
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = BpfTest.class.getResourceAsStream("/help-bpf.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new BpfExtension().help());
        }
    }

    @Test
    void thePerPacketPathAllocatesNothing() throws RuleException {
        BpfBuilder b = new BpfBuilder();
        // the UDP program, then st/ld of memory slots (a thread's scratch) and an ancillary load
        b.option("--bytecode", List.of("7,48 0 0 9,2 0 0 5,96 0 0 5,21 0 2 17,32 0 0 4294963220,22 0 0 0,6 0 0 0"), false);
        BpfMatch memory = (BpfMatch) b.build();
        b = new BpfBuilder();
        b.option("--bytecode", List.of(UDP_DPORT_53), false);
        BpfMatch udp = (BpfMatch) b.build();
        PacketView[] packets = new PacketView[16];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = TestPackets.udp("198.18.0.1", 4000, "198.18.0.2", 50 + i).mark(i).view();
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        int matched = 0;
        for (int round = 0; round < 5; round++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 100_000; i++) {
                matched += udp.matches(packets[i & 15]) ? 1 : 0;
                matched += memory.matches(packets[i & 15]) ? 1 : 0;
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            // after warming up: a few KB of the JIT's own on a busy machine at most, where even
            // 16 bytes a run would be 3.2 MB
            if (round > 1) {
                assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for 200000 runs");
            }
        }
        // port 53 is one packet in 16; the mark is non-zero in 15 of 16
        assertEquals(5 * (100_000 / 16) + 5 * (100_000 - 100_000 / 16), matched);
    }
}
