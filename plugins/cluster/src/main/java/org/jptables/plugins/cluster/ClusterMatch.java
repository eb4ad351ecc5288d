package org.jptables.plugins.cluster;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_cluster_mt: the packet's connection (or its master's, for an expected connection) is hashed
 * by its original source address to one of {@code totalNodes} nodes; the rule matches when that
 * node's bit is in {@code nodeMask} (inverted with "!"). A packet without a connection (untracked,
 * INVALID) never matches, inverted or not.
 *
 * <p>Nodes of a cluster are meant to see the same frames, which a switch floods when the nodes
 * answer ARP with a multicast MAC. Such a frame arrives as PACKET_MULTICAST; the kernel's match
 * turns it into PACKET_HOST when the IP destination is not multicast, so that TCP and the rest
 * take it, and does so before it looks at the connection: this does the same.
 *
 * @param nodeMask   the local nodes' bits (bit n-1 for node n)
 * @param totalNodes 1..32
 * @param seed       the hash seed
 * @param inverted   whether "!" was given
 */
record ClusterMatch(int nodeMask, int totalNodes, int seed, boolean inverted) implements Match {
    private static final int PACKET_HOST = 0;
    private static final int PACKET_MULTICAST = 2;

    @Override
    public boolean matches(Packet packet) {
        if (packet.packetType() == PACKET_MULTICAST && (packet.destination() & 0xF0000000) != 0xE0000000) {
            packet.setPacketType(PACKET_HOST);
        }
        if (packet.connMark() < 0) {
            return false;
        }
        int node = ClusterHash.node(packet.ctMasterOriginalSource(), seed, totalNodes);
        return ((1 << node & nodeMask) != 0) != inverted;
    }

    /** xt_cluster takes a reference on conntrack (nf_ct_netns_get) when the rule is added. */
    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" cluster ").append(inverted ? "!" : "").append("node_mask=").append(hex8(nodeMask))
                .append(" total_nodes=").append(totalNodes).append(" hash_seed=").append(hex8(seed));
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(" --cluster-local-nodemask ").append(hex8(nodeMask))
                .append(" --cluster-total-nodes ").append(totalNodes).append(" --cluster-hash-seed ").append(hex8(seed));
    }

    /** It reads the packet's connection only (and changes the packet's own type). */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }

    /** printf's "0x%08x". */
    private static String hex8(int value) {
        String h = Integer.toHexString(value);
        return "0x" + "0".repeat(8 - h.length()) + h;
    }
}
