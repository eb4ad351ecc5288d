package org.jptables.kernel.nat;

/**
 * Which address of a NAT range a connection gets, as nf_nat's find_best_ips_proto picks it: a
 * Jenkins hash of the connection's source address, seeded with its destination (or 0 with
 * {@code --persistent}), scaled onto the range. The same client therefore lands on the same
 * address every time, here as on Linux; checked against the kernel's choices for ranges of 31
 * addresses and ten clients.
 */
public final class AddressChoice {
    private static final int JHASH_INITVAL = 0xdeadbeef;

    private AddressChoice() {
    }

    /**
     * The address for a connection from {@code source} to {@code destination} (host order) within
     * {@code min}..{@code max} (host order, inclusive).
     */
    public static int pick(int source, int destination, int min, int max, boolean persistent) {
        if (min == max) {
            return min;
        }
        // the kernel hashes the addresses as they lie in memory: network order read as little-endian words
        int j = jhash2(Integer.reverseBytes(source), persistent ? 0 : Integer.reverseBytes(destination));
        long distance = (Integer.toUnsignedLong(max) - Integer.toUnsignedLong(min) + 1) & 0xffffffffL;
        long scaled = (Integer.toUnsignedLong(j) * distance) >>> 32;
        return (int) (Integer.toUnsignedLong(min) + scaled);
    }

    /** jhash2 over the four 32-bit words of an nf_inet_addr holding an IPv4 address (the rest zero). */
    static int jhash2(int word0, int initval) {
        int a = JHASH_INITVAL + (4 << 2) + initval;
        int b = a;
        int c = a;
        // first three words: word0, 0, 0, then the mix
        a += word0;
        a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
        a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
        b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
        c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
        // the last word (0), then the final mix
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
