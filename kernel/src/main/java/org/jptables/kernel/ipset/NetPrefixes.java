package org.jptables.kernel.ipset;

/**
 * The prefix lengths a hash type of nets holds, most specific first, each with how many entries
 * have it (the kernel's nets[] book-keeping of ip_set_hash_gen.h). A test of an address tries the
 * prefixes in this order; a packet's addition stores its address under the most specific one.
 */
final class NetPrefixes {
    private final int[] cidrs = new int[33];
    private final int[] counts = new int[33];
    private int length;

    /** mtype_add_cidr. */
    void add(int cidr) {
        int at = 0;
        while (at < length && cidrs[at] > cidr) {
            at++;
        }
        if (at < length && cidrs[at] == cidr) {
            counts[at]++;
            return;
        }
        System.arraycopy(cidrs, at, cidrs, at + 1, length - at);
        System.arraycopy(counts, at, counts, at + 1, length - at);
        cidrs[at] = cidr;
        counts[at] = 1;
        length++;
    }

    /** mtype_del_cidr. */
    void remove(int cidr) {
        for (int i = 0; i < length; i++) {
            if (cidrs[i] == cidr) {
                if (--counts[i] == 0) {
                    System.arraycopy(cidrs, i + 1, cidrs, i, length - i - 1);
                    System.arraycopy(counts, i + 1, counts, i, length - i - 1);
                    length--;
                }
                return;
            }
        }
    }

    int length() {
        return length;
    }

    /** The {@code i}-th prefix length, most specific first. */
    int cidr(int i) {
        return cidrs[i];
    }

    void clear() {
        length = 0;
    }
}
