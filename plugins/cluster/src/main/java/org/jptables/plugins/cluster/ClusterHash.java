package org.jptables.plugins.cluster;

/**
 * xt_cluster's node of a connection: the kernel's jhash_1word (Bob Jenkins' lookup3 final mix of
 * one word) of the original source address with the rule's seed, scaled to the number of nodes
 * by reciprocal_scale. The address is hashed as the kernel's u32 load of its network-order bytes
 * on a little-endian host reads it.
 */
final class ClusterHash {
    /** JHASH_INITVAL, lookup3's golden value. */
    private static final int INITVAL = 0xdeadbeef;

    private ClusterHash() {
    }

    /** The node, 0..totalNodes-1, of an IPv4 source given in network order (192.0.2.1 is 0xC0000201). */
    static int node(int source, int seed, int totalNodes) {
        int hash = jhash1Word(Integer.reverseBytes(source), seed);
        // reciprocal_scale: (u64) hash * n >> 32
        return (int) (((hash & 0xFFFFFFFFL) * totalNodes) >>> 32);
    }

    /** jhash_1word(a, initval): __jhash_nwords(a, 0, 0, initval + JHASH_INITVAL + (1 << 2)). */
    static int jhash1Word(int word, int seed) {
        int init = seed + INITVAL + 4;
        int a = word + init;
        int b = init;
        int c = init;
        // __jhash_final
        c ^= b; c -= Integer.rotateLeft(b, 14);
        a ^= c; a -= Integer.rotateLeft(c, 11);
        b ^= a; b -= Integer.rotateLeft(a, 25);
        c ^= b; c -= Integer.rotateLeft(b, 16);
        a ^= c; a -= Integer.rotateLeft(c, 4);
        b ^= a; b -= Integer.rotateLeft(a, 14);
        c ^= b; c -= Integer.rotateLeft(b, 24);
        return c;
    }
}
