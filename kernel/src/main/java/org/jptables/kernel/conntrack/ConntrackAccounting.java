package org.jptables.kernel.conntrack;

import java.util.Arrays;

/**
 * Per-connection packet and byte counters (nf_conntrack_acct): an entry gets them when it is made
 * while accounting is on ({@code net.netfilter.nf_conntrack_acct}, which xt_connbytes turns on and
 * nothing turns off), and conntrack counts each packet its protocol tracker accepts and refreshes
 * (nf_ct_refresh_acct), before any rule sees it. Bytes are the IP packet's length (skb->len).
 */
final class ConntrackAccounting {
    /** nf_conntrack_acct: entries made from now on are counted. */
    boolean enabled;
    /** Whether the entry has the acct extension. */
    boolean[] present = new boolean[0];
    /** Indexed {@code entry * 2 + direction}. */
    long[] packets = new long[0];
    long[] bytes = new long[0];

    /** The current packet's direction and length, set by the tracker before its protocol looks at it. */
    int packetDirection;
    int packetLength;

    void grow(int capacity) {
        present = Arrays.copyOf(present, capacity);
        packets = Arrays.copyOf(packets, capacity * 2);
        bytes = Arrays.copyOf(bytes, capacity * 2);
    }

    /** A new entry: counters only if accounting is on now (nf_ct_acct_ext_add at init_conntrack). */
    void reset(int e) {
        present[e] = enabled;
        packets[2 * e] = 0;
        packets[2 * e + 1] = 0;
        bytes[2 * e] = 0;
        bytes[2 * e + 1] = 0;
    }

    /** nf_ct_acct_update: counts the current packet on the entry, if it has counters. */
    void count(int e) {
        if (present[e]) {
            int i = 2 * e + packetDirection;
            packets[i]++;
            bytes[i] += packetLength;
        }
    }

    /** The entry's packets in a direction, -1 without counters. */
    long packets(int e, int direction) {
        return present[e] ? packets[2 * e + direction] : -1;
    }

    long bytes(int e, int direction) {
        return present[e] ? bytes[2 * e + direction] : -1;
    }
}
