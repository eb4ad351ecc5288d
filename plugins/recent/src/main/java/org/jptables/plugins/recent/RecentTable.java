package org.jptables.plugins.recent;

/**
 * One named list of xt_recent, shared by every rule that names it: at most
 * {@link #CAPACITY} addresses (the kernel's ip_list_tot), each with a ring of arrival times in
 * jiffies, kept in least-recently-updated order so that a full list forgets its oldest entry.
 *
 * <p>Everything lives in preallocated primitive arrays: an open-addressing hash (linear probing,
 * backward-shift deletion) from address to entry, a doubly linked LRU list through the entries,
 * and one block of time stamps per entry. The per-packet methods allocate nothing. The caller
 * holds the table's monitor.
 */
final class RecentTable {
    /** ip_list_tot: entries per list. */
    static final int CAPACITY = 100;
    private static final int SLOTS = 256;
    private static final int NONE = -1;
    /** The LRU list's sentinel. */
    private static final int HEAD = CAPACITY;

    /** The list's mask, fixed by the first rule that named the list (as the kernel's table). */
    final int mask;
    private int stampMask;
    private long[] stamps;

    private final int[] slots = new int[SLOTS];
    private final int[] address = new int[CAPACITY];
    private final int[] ttl = new int[CAPACITY];
    private final int[] index = new int[CAPACITY];
    private final int[] count = new int[CAPACITY];
    private final int[] next = new int[CAPACITY + 1];
    private final int[] prev = new int[CAPACITY + 1];
    private final int[] free = new int[CAPACITY];
    private int freeCount;
    private int entries;

    RecentTable(int mask, int stampMask) {
        this.mask = mask;
        this.stampMask = stampMask;
        this.stamps = new long[CAPACITY * (stampMask + 1)];
        flush();
    }

    /**
     * Makes room for {@code wanted + 1} stamps per entry. As the kernel, growing the rings forgets
     * every entry. Called when a rule is loaded, never per packet.
     */
    synchronized void ensureStamps(int wanted) {
        if (wanted > stampMask) {
            stampMask = wanted;
            stamps = new long[CAPACITY * (wanted + 1)];
            flush();
        }
    }

    synchronized int stampMask() {
        return stampMask;
    }

    void flush() {
        java.util.Arrays.fill(slots, NONE);
        next[HEAD] = HEAD;
        prev[HEAD] = HEAD;
        freeCount = 0;
        for (int i = CAPACITY - 1; i >= 0; i--) {
            free[freeCount++] = i;
        }
        entries = 0;
    }

    int entries() {
        return entries;
    }

    private static int hash(int addr) {
        int h = addr * 0x9E3779B1;
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** The entry of {@code addr} whose TTL fits ({@code want} 0 fits any), or -1. */
    int lookup(int addr, int want) {
        for (int s = hash(addr); slots[s] != NONE; s = (s + 1) & (SLOTS - 1)) {
            int e = slots[s];
            if (address[e] == addr) {
                return want == ttl[e] || want == 0 || ttl[e] == 0 ? e : NONE;
            }
        }
        return NONE;
    }

    /** A new entry with one stamp, evicting the least recently updated entry when full. */
    int insert(int addr, int ttlValue, long now) {
        if (entries >= CAPACITY) {
            remove(next[HEAD]);
        }
        int e = free[--freeCount];
        address[e] = addr;
        ttl[e] = ttlValue;
        stamps[e * (stampMask + 1)] = now;
        count[e] = 1;
        index[e] = 1;
        int s = hash(addr);
        while (slots[s] != NONE) {
            s = (s + 1) & (SLOTS - 1);
        }
        slots[s] = e;
        linkLast(e);
        entries++;
        return e;
    }

    void remove(int e) {
        int s = hash(address[e]);
        while (slots[s] != e) {
            s = (s + 1) & (SLOTS - 1);
        }
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int hole = s;
        int j = s;
        while (true) {
            j = (j + 1) & (SLOTS - 1);
            if (slots[j] == NONE) {
                break;
            }
            int home = hash(address[slots[j]]);
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                slots[hole] = slots[j];
                hole = j;
            }
        }
        slots[hole] = NONE;
        unlink(e);
        free[freeCount++] = e;
        entries--;
    }

    /** recent_entry_update: one more stamp in the ring, and the entry becomes the newest. */
    void update(int e, int ttlValue, long now) {
        int i = index[e] & stampMask;
        stamps[e * (stampMask + 1) + i] = now;
        index[e] = i + 1;
        if (index[e] > count[e]) {
            count[e] = index[e];
        }
        ttl[e] = ttlValue;
        unlink(e);
        linkLast(e);
    }

    /**
     * Whether the entry has {@code enough} stamps (any stamp when 0) not before {@code since}
     * (counting every stamp unless {@code windowed}).
     */
    boolean seen(int e, boolean windowed, long since, long enough) {
        int base = e * (stampMask + 1);
        int hits = 0;
        for (int i = 0; i < count[e]; i++) {
            if (windowed && stamps[base + i] < since) {
                continue;
            }
            if (enough == 0 || ++hits >= enough) {
                return true;
            }
        }
        return false;
    }

    /**
     * recent_entry_reap: forgets the least recently updated entry if its newest stamp is before
     * {@code since}, unless it is {@code working} and about to be updated.
     */
    void reap(long since, int working, boolean updating) {
        int e = next[HEAD];
        if (e == HEAD || (e == working && updating)) {
            return;
        }
        if (stamps[e * (stampMask + 1) + ((index[e] - 1) & stampMask)] < since) {
            remove(e);
        }
    }

    private void unlink(int e) {
        next[prev[e]] = next[e];
        prev[next[e]] = prev[e];
    }

    private void linkLast(int e) {
        int last = prev[HEAD];
        next[last] = e;
        prev[e] = last;
        next[e] = HEAD;
        prev[HEAD] = e;
    }
}
