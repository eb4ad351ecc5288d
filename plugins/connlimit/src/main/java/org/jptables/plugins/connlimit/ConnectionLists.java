package org.jptables.plugins.connlimit;

import java.util.Arrays;
import org.jptables.api.Packet;

/**
 * nf_conncount's lists as the recording kernel keeps them (Linux 6.18): per key (a masked address),
 * the original tuples of the connections counted, oldest first. Adding a tuple walks the list
 * first: a tuple conntrack no longer holds, or holds as a closed TCP connection (TIME_WAIT, CLOSE),
 * is dropped, at most nine of them a walk (CONNCOUNT_GC_MAX_NODES + 1); meeting the tuple itself
 * ends the walk without adding it again. The count is then the list's length: connections that
 * ended are only forgotten when a later packet of the key walks past them.
 *
 * <p>Where the kernel skips the walk (a second packet of the key within the same jiffy, or an entry
 * another CPU added less than two jiffies ago), this model walks: packets are taken one at a time,
 * on one CPU. Keys are kept in an open-addressing table and tuples in parallel arrays, both grown by
 * doubling, so a packet allocates nothing once the lists have room.
 */
final class ConnectionLists {
    /** CONNCOUNT_GC_MAX_NODES: the walk stops once more than this many entries were dropped. */
    private static final int GC_MAX_NODES = 8;
    private static final int NONE = -1;

    // ---- the keys: open addressing, each slot a list ----
    private int[] keys = new int[16];
    private boolean[] used = new boolean[16];
    private int[] head = new int[16];
    private int[] tail = new int[16];
    private int[] count = new int[16];
    private int keysUsed;

    // ---- the tuples, linked per list ----
    private int[] protocol = new int[16];
    private int[] source = new int[16];
    private int[] destination = new int[16];
    private int[] sourcePort = new int[16];
    private int[] destinationPort = new int[16];
    private int[] next = new int[16];
    private int freeTuple;
    private int tuplesUsed;

    ConnectionLists() {
        for (int i = 0; i < next.length; i++) {
            next[i] = i + 1 < next.length ? i + 1 : NONE;
        }
        freeTuple = 0;
    }

    /**
     * nf_conncount_count: adds the tuple to the key's list (unless the walk meets it) and returns
     * the list's length, the tuple's connection included.
     */
    int count(Packet p, int key, int proto, int src, int dst, int sport, int dport) {
        int slot = slot(p, key);
        int collect = 0;
        int prev = NONE;
        int c = head[slot];
        while (c != NONE) {
            if (collect > GC_MAX_NODES) {
                break;
            }
            int after = next[c];
            int state = p.ctLookup(protocol[c], source[c], destination[c], sourcePort[c], destinationPort[c]);
            if (state < 0) {
                unlink(slot, prev, c);
                collect++;
            } else if (protocol[c] == proto && source[c] == src && destination[c] == dst
                    && sourcePort[c] == sport && destinationPort[c] == dport) {
                return count[slot];
            } else if (state == 1) {
                unlink(slot, prev, c);
                collect++;
            } else {
                prev = c;
            }
            c = after;
        }
        append(slot, proto, src, dst, sport, dport);
        return count[slot];
    }

    private void unlink(int slot, int prev, int c) {
        int after = next[c];
        if (prev == NONE) {
            head[slot] = after;
        } else {
            next[prev] = after;
        }
        if (tail[slot] == c) {
            tail[slot] = prev;
        }
        count[slot]--;
        next[c] = freeTuple;
        freeTuple = c;
        tuplesUsed--;
    }

    private void append(int slot, int proto, int src, int dst, int sport, int dport) {
        if (freeTuple == NONE) {
            growTuples();
        }
        int t = freeTuple;
        freeTuple = next[t];
        tuplesUsed++;
        protocol[t] = proto;
        source[t] = src;
        destination[t] = dst;
        sourcePort[t] = sport;
        destinationPort[t] = dport;
        next[t] = NONE;
        if (tail[slot] == NONE) {
            head[slot] = t;
        } else {
            next[tail[slot]] = t;
        }
        tail[slot] = t;
        count[slot]++;
    }

    /** The key's slot, made (with an empty list) if the key is new. */
    private int slot(Packet p, int key) {
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (used[i]) {
            if (keys[i] == key) {
                return i;
            }
            i = (i + 1) & mask;
        }
        if ((keysUsed + 1) * 2 > keys.length) {
            collectAll(p);
            rebuildKeys();
            return slot(p, key);
        }
        used[i] = true;
        keys[i] = key;
        head[i] = NONE;
        tail[i] = NONE;
        count[i] = 0;
        keysUsed++;
        return i;
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * nf_conncount_gc_list over every list: what conntrack no longer holds, or holds closed, goes.
     * The kernel collects lists as it passes them in its tree and in a worker, so that lists of
     * keys no packet comes back for do not stay; a key's own count is walked again on its next
     * packet either way.
     */
    private void collectAll(Packet p) {
        for (int slot = 0; slot < keys.length; slot++) {
            if (!used[slot]) {
                continue;
            }
            int prev = NONE;
            int c = head[slot];
            while (c != NONE) {
                int after = next[c];
                if (p.ctLookup(protocol[c], source[c], destination[c], sourcePort[c], destinationPort[c]) != 0) {
                    unlink(slot, prev, c);
                } else {
                    prev = c;
                }
                c = after;
            }
        }
    }

    /**
     * Makes room for a key: keys whose lists emptied are dropped (an empty list counts as none, as
     * the kernel's garbage collector frees such nodes), and the table doubles only if at least a
     * quarter of it is still in use.
     */
    private void rebuildKeys() {
        int[] oldKeys = keys;
        boolean[] oldUsed = used;
        int[] oldHead = head;
        int[] oldTail = tail;
        int[] oldCount = count;
        int live = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i] && oldCount[i] > 0) {
                live++;
            }
        }
        int n = live * 4 > oldKeys.length ? oldKeys.length * 2 : oldKeys.length;
        keys = new int[n];
        used = new boolean[n];
        head = new int[n];
        tail = new int[n];
        count = new int[n];
        keysUsed = live;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i] && oldCount[i] > 0) {
                int j = mix(oldKeys[i]) & (n - 1);
                while (used[j]) {
                    j = (j + 1) & (n - 1);
                }
                used[j] = true;
                keys[j] = oldKeys[i];
                head[j] = oldHead[i];
                tail[j] = oldTail[i];
                count[j] = oldCount[i];
            }
        }
    }

    private void growTuples() {
        int old = next.length;
        int n = old * 2;
        protocol = Arrays.copyOf(protocol, n);
        source = Arrays.copyOf(source, n);
        destination = Arrays.copyOf(destination, n);
        sourcePort = Arrays.copyOf(sourcePort, n);
        destinationPort = Arrays.copyOf(destinationPort, n);
        next = Arrays.copyOf(next, n);
        for (int i = old; i < n; i++) {
            next[i] = i + 1 < n ? i + 1 : NONE;
        }
        freeTuple = old;
    }

    /** Tuples held in all lists (for tests). */
    int size() {
        return tuplesUsed;
    }
}
