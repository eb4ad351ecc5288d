package org.jptables.plugins.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Addresses;
import org.jptables.api.ConnState;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/**
 * -m cluster on packets. The nodes below are those the kernel gave in conformance case
 * cluster-match (rules of 2, 3, 7, 32 and 5 nodes with seeds 0xdeadbeef, 0, 12345, 0x9e3779b9,
 * 0xffffffff): the rules each source's connection matched pin its node down.
 */
class ClusterTest {
    private static final int[][] RULES = {{2, 0xdeadbeef}, {3, 0}, {7, 12345}, {32, 0x9e3779b9}, {5, 0xffffffff}};

    private final RuleTester filter = RuleTester.of("filter", "FORWARD");

    private static int[] nodes(String address) {
        int[] n = new int[RULES.length];
        for (int i = 0; i < RULES.length; i++) {
            n[i] = ClusterHash.node(Addresses.parse(address), RULES[i][1], RULES[i][0]);
        }
        return n;
    }

    @Test
    void theKernelsNodes() {
        assertArrayEquals(new int[] {1, 0, 3, 6, 0}, nodes("203.0.113.1"));
        assertArrayEquals(new int[] {1, 2, 6, 11, 0}, nodes("203.0.113.2"));
        assertArrayEquals(new int[] {0, 0, 6, 28, 0}, nodes("203.0.113.3"));
        assertArrayEquals(new int[] {0, 0, 5, 11, 1}, nodes("203.0.113.30"));
        assertArrayEquals(new int[] {0, 2, 2, 13, 1}, nodes("198.18.1.2"));
    }

    /** A packet of a tracked UDP connection whose original source is {@code origin}. */
    private static PacketView tracked(String src, String dst, String origin, String masterOrigin) {
        PacketView p = TestPackets.udp(src, 1000, dst, 2000).connection(0).view();
        var marks = p.connections();
        int handle = p.connection();
        int o = Addresses.parse(origin);
        int other = Addresses.parse(origin.equals(src) ? dst : src);
        p.conntrack(ConnState.NEW, 0, 17, o, other, other, o).connection(marks, handle);
        p.ctMasterOriginalSource(Addresses.parse(masterOrigin));
        return p;
    }

    @Test
    void matchesTheOriginalSourcesNodeInBothDirections() {
        String node2of2 = "-m cluster --cluster-total-nodes 2 --cluster-local-node 2 --cluster-hash-seed 0xdeadbeef";
        // 203.0.113.1 hashes to node index 1, i.e. node 2
        assertTrue(filter.matches(node2of2, tracked("203.0.113.1", "198.18.1.2", "203.0.113.1", "203.0.113.1")));
        assertTrue(filter.matches(node2of2, tracked("198.18.1.2", "203.0.113.1", "203.0.113.1", "203.0.113.1")));
        assertFalse(filter.matches(node2of2, tracked("203.0.113.3", "198.18.1.2", "203.0.113.3", "203.0.113.3")));
        String inverted = "-m cluster --cluster-total-nodes 2 ! --cluster-local-node 2 --cluster-hash-seed 0xdeadbeef";
        assertTrue(filter.matches(inverted, tracked("203.0.113.3", "198.18.1.2", "203.0.113.3", "203.0.113.3")));
        // 32 nodes, node index 11: the 12th
        String of32 = "-m cluster --cluster-total-nodes 32 --cluster-local-node 12 --cluster-hash-seed 0x9e3779b9";
        assertTrue(filter.matches(of32, tracked("203.0.113.2", "198.18.1.2", "203.0.113.2", "203.0.113.2")));
        // a mask of nodes 1, 2 and 4 of 3 (bits 0 and 2: mask 5)
        String mask = "-m cluster --cluster-total-nodes 3 --cluster-local-nodemask 5 --cluster-hash-seed 0";
        assertTrue(filter.matches(mask, tracked("198.18.1.2", "203.0.113.9", "198.18.1.2", "198.18.1.2")));
    }

    @Test
    void anExpectedConnectionFollowsItsMaster() {
        // the FTP data connection from 198.18.1.2 (index 2 of 7) whose control connection came from
        // 203.0.113.30 (index 5 of 7)
        String node6of7 = "-m cluster --cluster-total-nodes 7 --cluster-local-node 6 --cluster-hash-seed 12345";
        assertTrue(filter.matches(node6of7, tracked("198.18.1.2", "203.0.113.30", "198.18.1.2", "203.0.113.30")));
        assertFalse(filter.matches(node6of7, tracked("198.18.1.2", "203.0.113.30", "198.18.1.2", "198.18.1.2")));
    }

    @Test
    void withoutAConnectionNothingMatchesNotEvenInverted() {
        PacketView untracked = TestPackets.udp("203.0.113.1", 1, "198.18.1.2", 9).view();
        untracked.conntrack(ConnState.UNTRACKED, 0, 0, 0, 0, 0, 0);
        assertFalse(filter.matches("-m cluster --cluster-total-nodes 1 --cluster-local-node 1 --cluster-hash-seed 0",
                untracked));
        assertFalse(filter.matches("-m cluster --cluster-total-nodes 2 ! --cluster-local-nodemask 1 --cluster-hash-seed 0",
                untracked));
    }

    @Test
    void aMulticastFrameToAUnicastAddressBecomesPacketHost() {
        String rule = "-m cluster --cluster-total-nodes 1 --cluster-local-node 1 --cluster-hash-seed 0";
        PacketView p = tracked("203.0.113.1", "198.18.1.2", "203.0.113.1", "203.0.113.1");
        p.packetType(2);
        filter.matches(rule, p);
        assertEquals(0, p.packetType());
        PacketView group = TestPackets.udp("203.0.113.1", 1, "224.0.0.9", 520).view();
        group.packetType(2);
        filter.matches(rule, group);
        assertEquals(2, group.packetType());
        // before the connection is looked at: an untracked packet is changed too
        PacketView untracked = TestPackets.udp("203.0.113.1", 1, "198.18.1.2", 9).view();
        untracked.conntrack(ConnState.UNTRACKED, 0, 0, 0, 0, 0, 0);
        untracked.packetType(2);
        assertFalse(filter.matches(rule, untracked));
        assertEquals(0, untracked.packetType());
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = ClusterTest.class.getResourceAsStream("/help-cluster.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new ClusterExtension().help());
        }
    }
}
