package org.jptables.kernel.conntrack;

import java.util.Arrays;

/**
 * nf_conn_synproxy, the conntrack extension of the connections SYNPROXY opened to a server (its
 * SYN left with the synproxy template): the ISN the client was given (the cookie), the timestamp
 * the client was given, and the offset between the server's timestamps and those.
 */
final class SynproxyState {
    private boolean[] present = new boolean[0];
    /** The cookie: the ISN the client knows for the server's side. */
    int[] isn = new int[0];
    /** The timestamp cookie the client echoes (its). */
    int[] its = new int[0];
    /** The server's TSval less the client's idea of it (tsoff), 0 until the server's SYN-ACK. */
    int[] tsoff = new int[0];

    void grow(int capacity) {
        present = Arrays.copyOf(present, capacity);
        isn = Arrays.copyOf(isn, capacity);
        its = Arrays.copyOf(its, capacity);
        tsoff = Arrays.copyOf(tsoff, capacity);
    }

    void reset(int e) {
        present[e] = false;
        isn[e] = 0;
        its[e] = 0;
        tsoff[e] = 0;
    }

    /** nfct_synproxy_ext_add, from the template. */
    void add(int e) {
        present[e] = true;
    }

    boolean has(int e) {
        return present[e];
    }
}
