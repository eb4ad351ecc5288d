package org.jptables.kernel.conntrack;

import java.util.Arrays;

/**
 * Connection labels (nf_conn_labels, 128 bits an entry): an entry gets them when it is made while
 * some rule uses labels (nf_connlabels_get at xt_connlabel's checkentry; nf_ct_labels_ext_add at
 * init_conntrack), all clear; rules set bits ({@code -m connlabel --set}) and test them.
 */
final class ConntrackLabels {
    /** Bits an entry has (NF_CT_LABELS_MAX_SIZE * 8). */
    static final int BITS = 128;

    /** Whether entries made from now on get labels. */
    boolean enabled;
    /** Whether the entry has the labels extension. */
    boolean[] present = new boolean[0];
    /** Indexed {@code entry * 2 + bit / 64}. */
    long[] words = new long[0];

    void grow(int capacity) {
        present = Arrays.copyOf(present, capacity);
        words = Arrays.copyOf(words, capacity * 2);
    }

    void reset(int e) {
        present[e] = enabled;
        words[2 * e] = 0;
        words[2 * e + 1] = 0;
    }

    /** -1 without labels, else whether the bit is set (1) or not (0). */
    int test(int e, int bit) {
        if (!present[e]) {
            return -1;
        }
        return (words[2 * e + (bit >> 6)] >>> (bit & 63) & 1) == 1 ? 1 : 0;
    }

    /** Sets the bit; false without labels. */
    boolean set(int e, int bit) {
        if (!present[e]) {
            return false;
        }
        words[2 * e + (bit >> 6)] |= 1L << (bit & 63);
        return true;
    }
}
