package org.jptables.kernel.conntrack;

import java.util.Arrays;

/**
 * The hash of tuples (nf_conntrack_hash): both tuples of every confirmed entry, so that a packet
 * finds its entry from either direction. Open addressing with linear probing and backward-shift
 * deletion, in two int arrays: a slot holds {@code 2 * entry + direction} (or -1) and the tuple's
 * hash, so that probing compares hashes before touching the entry.
 */
final class TupleHash {
    private final ConntrackTable table;
    private int[] slotRef = new int[0];
    private int[] slotHash = new int[0];
    private int mask;

    TupleHash(ConntrackTable table) {
        this.table = table;
    }

    static int hash(int src, int dst, int sport, int dport, int protocol) {
        int h = src * 0x9E3779B1;
        h = Integer.rotateLeft(h ^ dst, 13) * 0x85EBCA6B;
        h = Integer.rotateLeft(h ^ ((sport << 16) | (dport & 0xFFFF)), 11) * 0xC2B2AE35;
        h ^= protocol * 0x27D4EB2F;
        h ^= h >>> 16;
        h *= 0x7FEB352D;
        h ^= h >>> 15;
        return h;
    }

    /**
     * Sizes the hash for {@code capacity} entries (at most half full) and puts back the confirmed
     * entries below {@code entries}, in handle order, so that lookups find what they found before.
     */
    void rebuild(int capacity, int entries) {
        int slots = Integer.highestOneBit(Math.max(16, capacity * 4 - 1)) << 1;
        slotRef = new int[slots];
        slotHash = new int[slots];
        Arrays.fill(slotRef, -1);
        mask = slots - 1;
        int[] status = table.status;
        for (int e = 0; e < entries; e++) {
            if ((status[e] & (EntryStatus.IN_USE | EntryStatus.CONFIRMED))
                    == (EntryStatus.IN_USE | EntryStatus.CONFIRMED)) {
                insertOriginal(e);
                insertReply(e);
            }
        }
    }

    /** The slot reference (2*entry + direction) of the tuple in the lookup's zone, expired entries included, or -1. */
    int find(int src, int dst, int sport, int dport, int protocol) {
        int h = hash(src, dst, sport, dport, protocol);
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int ref = slotRef[i];
            if (ref < 0) {
                return -1;
            }
            if (slotHash[i] == h && matches(ref, src, dst, sport, dport, protocol)) {
                return ref;
            }
        }
    }

    private boolean matches(int ref, int src, int dst, int sport, int dport, int protocol) {
        ConntrackTable t = table;
        int e = ref >> 1;
        if (t.l4Protocol[e] != protocol) {
            return false;
        }
        if (!t.zones.matchesLookup(e, ref & 1)) {
            return false;
        }
        if ((ref & 1) == 0) {
            return t.origSrc[e] == src && t.origDst[e] == dst && t.origSport[e] == sport && t.origDport[e] == dport;
        }
        return t.replySrc[e] == src && t.replyDst[e] == dst && t.replySport[e] == sport && t.replyDport[e] == dport;
    }

    void insertOriginal(int e) {
        ConntrackTable t = table;
        insert(2 * e, hash(t.origSrc[e], t.origDst[e], t.origSport[e], t.origDport[e], t.l4Protocol[e]));
    }

    void insertReply(int e) {
        ConntrackTable t = table;
        insert(2 * e + 1, hash(t.replySrc[e], t.replyDst[e], t.replySport[e], t.replyDport[e], t.l4Protocol[e]));
    }

    void removeOriginal(int e) {
        ConntrackTable t = table;
        remove(2 * e, hash(t.origSrc[e], t.origDst[e], t.origSport[e], t.origDport[e], t.l4Protocol[e]));
    }

    void removeReply(int e) {
        ConntrackTable t = table;
        remove(2 * e + 1, hash(t.replySrc[e], t.replyDst[e], t.replySport[e], t.replyDport[e], t.l4Protocol[e]));
    }

    private void insert(int ref, int h) {
        int i = h & mask;
        while (slotRef[i] >= 0) {
            i = (i + 1) & mask;
        }
        slotRef[i] = ref;
        slotHash[i] = h;
    }

    private void remove(int ref, int h) {
        int i = h & mask;
        while (slotRef[i] != ref) {
            if (slotRef[i] < 0) {
                return;
            }
            i = (i + 1) & mask;
        }
        // backward shift instead of tombstones: probes stay short however many entries come and go
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (slotRef[j] < 0) {
                break;
            }
            int k = slotHash[j] & mask;
            boolean movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
            if (movable) {
                slotRef[i] = slotRef[j];
                slotHash[i] = slotHash[j];
                i = j;
            }
        }
        slotRef[i] = -1;
    }
}
