package org.jptables.kernel.ipset;

import java.util.Arrays;

/**
 * The hash table of ipset's hash types, as ip_set_hash_gen.h keeps it: 2^bits buckets placed by
 * jhash2 of the element's words and the set's initval; each bucket an array of slots that grows
 * two at a time up to the bucket size, with a bitmap of the slots in use, deleted slots reused
 * first; a full bucket makes a userspace addition double the table. Listing walks the buckets in
 * order and each bucket's slots in order, so with the kernel's initval the order is the kernel's.
 *
 * <p>A slot keeps the entry id it was first given: a reused slot keeps the old entry's counters,
 * as the kernel's memcpy of the element alone does. Entries' words live in one array by entry id;
 * their extensions in {@link Extensions}. The table counts elements and bucket memory per region
 * lock, as the kernel does, for maxelem and "Size in memory". Every method runs under the set's
 * lock; lookups allocate nothing.
 */
final class HashTable {
    static final int OK = 0;
    static final int EXIST = -1;
    static final int FULL = -2;
    /** -EAGAIN: the bucket is full, the table must grow. */
    static final int AGAIN = -3;
    /** A test found a nomatch entry (-ENOTEMPTY). */
    static final int NOMATCH = -4;

    /** AHASH_INIT_SIZE: slots a bucket starts with and grows by. */
    static final int INIT_SIZE = 2;
    /** AHASH_MAX_SIZE: the default bucket size. */
    static final int MAX_SIZE = 6 * INIT_SIZE;
    /** sizeof(struct hbucket) without its slots. */
    private static final int BUCKET_HEADER = 32;
    /** sizeof(struct ip_set_region). */
    private static final int REGION_SIZE = 24;
    private static final int REGION_BITS = 10;

    /** Told of every entry stored and dropped, for the nets book-keeping of the net types. */
    interface Prefixes {
        void added(int[] keys, int offset);

        void removed(int[] keys, int offset);
    }

    private final int words;
    private final Extensions x;
    private final Prefixes prefixes;
    final int maxElem;
    final int bucketSize;
    final int initval;
    final boolean forceAdd;

    int bits;
    private int[][] slots;
    private long[] used;
    private byte[] pos;
    private byte[] size;
    private int[] regionElements;
    private long[] regionMemory;
    private int regionMaxElem;

    private int[] keys = new int[0];
    private boolean[] nomatch = new boolean[0];
    private int[] freeIds = new int[0];
    private int freeCount;
    private int nextId;

    HashTable(int words, Extensions x, Prefixes prefixes, int bits, int maxElem, int bucketSize, int initval,
              boolean forceAdd) {
        this.words = words;
        this.x = x;
        this.prefixes = prefixes;
        this.maxElem = maxElem;
        this.bucketSize = bucketSize;
        this.initval = initval;
        this.forceAdd = forceAdd;
        allocate(bits);
    }

    private void allocate(int newBits) {
        bits = newBits;
        int n = 1 << newBits;
        slots = new int[n][];
        used = new long[n];
        pos = new byte[n];
        size = new byte[n];
        regionElements = new int[locks(newBits)];
        regionMemory = new long[locks(newBits)];
        regionMaxElem = maxElem / locks(newBits);
    }

    /** ahash_numof_locks. */
    static int locks(int bits) {
        return bits < REGION_BITS ? 1 : 1 << (bits - REGION_BITS);
    }

    /** The bucket of the element in {@code key} from {@code off}. */
    int bucket(int[] key, int off) {
        return Jhash.words(key, off, words, initval) & ((1 << bits) - 1);
    }

    private int region(int bucket) {
        return bucket % locks(bits);
    }

    private static long bucketMemory(int slotCount, int dsize) {
        return BUCKET_HEADER + (long) slotCount * dsize;
    }

    private boolean inUse(int b, int i) {
        return (used[b] & (1L << i)) != 0;
    }

    private boolean equal(int id, int[] key, int off) {
        int base = id * words;
        for (int w = 0; w < words; w++) {
            if (keys[base + w] != key[off + w]) {
                return false;
            }
        }
        return true;
    }

    private int newId() {
        int id;
        if (freeCount > 0) {
            id = freeIds[--freeCount];
        } else {
            id = nextId++;
            if (id >= nomatch.length) {
                int n = Math.max(8, nomatch.length * 2);
                keys = Arrays.copyOf(keys, n * words);
                nomatch = Arrays.copyOf(nomatch, n);
                x.ensure(n);
            }
        }
        x.reset(id);
        return id;
    }

    private void freeId(int id) {
        if (freeCount == freeIds.length) {
            freeIds = Arrays.copyOf(freeIds, Math.max(8, freeIds.length * 2));
        }
        freeIds[freeCount++] = id;
    }

    /** Gives back the ids of the slots of bucket {@code b} from {@code from} on. */
    private void freeSlots(int b, int from) {
        int[] s = slots[b];
        for (int i = from; i < s.length; i++) {
            if (s[i] >= 0) {
                freeId(s[i]);
                s[i] = -1;
            }
        }
    }

    private void drop(int id) {
        if (prefixes != null) {
            prefixes.removed(keys, id * words);
        }
        x.destroy(id);
    }

    /**
     * mtype_add. {@code flagNomatch} marks the entry nomatch; {@code exist} renews an entry that is
     * there. Returns {@link #OK}, {@link #EXIST}, {@link #FULL} or {@link #AGAIN}.
     */
    int add(int[] key, int off, boolean flagNomatch, EntryValues v, boolean exist, long now) {
        int b = bucket(key, off);
        int r = region(b);
        int elements = regionElements[r];
        int maxel = regionMaxElem;
        boolean force = false;
        if (elements >= maxel) {
            if (x.timeout) {
                gcRange(r, now);
            }
            maxel = maxElem;
            elements = 0;
            for (int e : regionElements) {
                elements += e;
            }
            force = elements >= maxel && forceAdd;
        }
        int j;
        int id;
        if (slots[b] == null) {
            if (force || elements >= maxel) {
                return FULL;
            }
            slots[b] = new int[] {-1, -1};
            size[b] = INIT_SIZE;
            regionMemory[r] += bucketMemory(INIT_SIZE, x.dsize);
            j = pos[b]++;
        } else {
            j = -1;
            boolean deleted = false;
            boolean reuse = false;
            int[] s = slots[b];
            for (int i = 0; i < pos[b]; i++) {
                if (!inUse(b, i)) {
                    if (j == -1) {
                        deleted = true;
                        reuse = true;
                        j = i;
                    }
                    continue;
                }
                if (equal(s[i], key, off)) {
                    if (exist || x.expired(s[i], now)) {
                        nomatch[s[i]] = flagNomatch;
                        x.init(s[i], v, now);
                        return OK;
                    }
                    return EXIST;
                }
                if (j == -1 && x.expired(s[i], now)) {
                    j = i;
                    reuse = true;
                }
            }
            if (reuse || force) {
                if (j == -1) {
                    j = 0;
                }
                if (!deleted) {
                    drop(s[j]);
                    regionElements[r]--;
                }
            } else {
                if (elements >= maxel) {
                    return FULL;
                }
                if (pos[b] >= size[b]) {
                    if (size[b] >= bucketSize) {
                        return AGAIN;
                    }
                    slots[b] = Arrays.copyOf(s, size[b] + INIT_SIZE);
                    Arrays.fill(slots[b], size[b], size[b] + INIT_SIZE, -1);
                    size[b] += INIT_SIZE;
                    regionMemory[r] += bucketMemory(INIT_SIZE, x.dsize) - BUCKET_HEADER;
                }
                j = pos[b]++;
            }
        }
        id = slots[b][j];
        if (id < 0) {
            id = newId();
            slots[b][j] = id;
        }
        regionElements[r]++;
        System.arraycopy(key, off, keys, id * words, words);
        if (prefixes != null) {
            prefixes.added(keys, id * words);
        }
        nomatch[id] = flagNomatch;
        x.init(id, v, now);
        used[b] |= 1L << j;
        return OK;
    }

    /** mtype_del: {@link #OK} or {@link #EXIST} (also for an expired entry, which stays). */
    int delete(int[] key, int off, long now) {
        int b = bucket(key, off);
        int r = region(b);
        int[] s = slots[b];
        if (s == null) {
            return EXIST;
        }
        int holes = 0;
        for (int i = 0; i < pos[b]; i++) {
            if (!inUse(b, i)) {
                holes++;
                continue;
            }
            if (!equal(s[i], key, off)) {
                continue;
            }
            if (x.expired(s[i], now)) {
                return EXIST;
            }
            used[b] &= ~(1L << i);
            if (i + 1 == pos[b]) {
                pos[b]--;
            }
            regionElements[r]--;
            drop(s[i]);
            for (; i < pos[b]; i++) {
                if (!inUse(b, i)) {
                    holes++;
                }
            }
            if (pos[b] == 0 && holes == 0) {
                regionMemory[r] -= bucketMemory(size[b], x.dsize);
                release(b);
            } else if (holes >= INIT_SIZE) {
                regionMemory[r] -= (long) INIT_SIZE * x.dsize;
                compact(b, size[b] - INIT_SIZE);
            }
            return OK;
        }
        return EXIST;
    }

    private void release(int b) {
        freeSlots(b, 0);
        slots[b] = null;
        used[b] = 0;
        pos[b] = 0;
        size[b] = 0;
    }

    /** A smaller bucket holding the used slots in order, as the kernel's shrink by copy. */
    private void compact(int b, int newSize) {
        int[] s = slots[b];
        int[] t = new int[newSize];
        Arrays.fill(t, -1);
        int k = 0;
        for (int i = 0; i < pos[b]; i++) {
            if (inUse(b, i)) {
                t[k++] = s[i];
                s[i] = -1;
            }
        }
        freeSlots(b, 0);
        slots[b] = t;
        used[b] = k == 64 ? -1L : (1L << k) - 1;
        pos[b] = (byte) k;
        size[b] = (byte) newSize;
    }

    /**
     * The entry of the element in bucket order for a test (mtype_test's loop): the first equal
     * entry whose extensions match, 1 or {@link #NOMATCH} for a nomatch entry; 0 when none.
     */
    int test(int[] key, int off, EntryValues v, int flags, long now) {
        int b = bucket(key, off);
        int[] s = slots[b];
        if (s == null) {
            return 0;
        }
        for (int i = 0; i < pos[b]; i++) {
            if (!inUse(b, i) || !equal(s[i], key, off)) {
                continue;
            }
            if (x.match(s[i], v, flags, now)) {
                return nomatch[s[i]] ? NOMATCH : 1;
            }
        }
        return 0;
    }

    /** mtype_gc_do for region {@code r}: the buckets of its range lose their expired entries. */
    void gcRange(int r, long now) {
        int n = 1 << bits;
        int start = bits < REGION_BITS ? 0 : r << REGION_BITS;
        int end = bits < REGION_BITS ? n : (r + 1) << REGION_BITS;
        for (int b = start; b < end; b++) {
            int[] s = slots[b];
            if (s == null) {
                continue;
            }
            int d = 0;
            for (int j = 0; j < pos[b]; j++) {
                if (!inUse(b, j)) {
                    d++;
                    continue;
                }
                if (!x.expired(s[j], now)) {
                    continue;
                }
                used[b] &= ~(1L << j);
                drop(s[j]);
                regionElements[r]--;
                d++;
            }
            if (d >= INIT_SIZE) {
                if (d >= size[b]) {
                    regionMemory[r] -= bucketMemory(size[b], x.dsize);
                    release(b);
                } else {
                    regionMemory[r] -= (long) INIT_SIZE * x.dsize;
                    compact(b, size[b] - INIT_SIZE);
                }
            }
        }
    }

    /**
     * mtype_resize: the table doubled (again, while a bucket of the new table overflows), its live
     * entries placed anew in the old table's order. False when it cannot grow further.
     */
    boolean grow(long now) {
        int newBits = bits;
        while (true) {
            newBits++;
            if (newBits > 31 || (1L << newBits) * 8 + 40 > Integer.MAX_VALUE) {
                return false;
            }
            if (tryPlace(newBits, now)) {
                return true;
            }
        }
    }

    private boolean tryPlace(int newBits, long now) {
        int n = 1 << newBits;
        int[][] ns = new int[n][];
        long[] nu = new long[n];
        byte[] np = new byte[n];
        byte[] nz = new byte[n];
        int newLocks = locks(newBits);
        int[] ne = new int[newLocks];
        long[] nm = new long[newLocks];
        int oldLocks = locks(bits);
        for (int r = 0; r < oldLocks; r++) {
            int start = bits < REGION_BITS ? 0 : r << REGION_BITS;
            int end = bits < REGION_BITS ? 1 << bits : (r + 1) << REGION_BITS;
            for (int b = start; b < end; b++) {
                int[] s = slots[b];
                if (s == null) {
                    continue;
                }
                for (int j = 0; j < pos[b]; j++) {
                    if (!inUse(b, j) || x.expired(s[j], now)) {
                        continue;
                    }
                    int id = s[j];
                    int k = Jhash.words(keys, id * words, words, initval) & (n - 1);
                    int nr = k % newLocks;
                    if (ns[k] == null) {
                        ns[k] = new int[] {-1, -1};
                        nz[k] = INIT_SIZE;
                        nm[nr] += bucketMemory(INIT_SIZE, x.dsize);
                    } else if (np[k] >= nz[k]) {
                        if (nz[k] >= bucketSize) {
                            return false;
                        }
                        ns[k] = Arrays.copyOf(ns[k], nz[k] + INIT_SIZE);
                        Arrays.fill(ns[k], nz[k], nz[k] + INIT_SIZE, -1);
                        nz[k] += INIT_SIZE;
                        nm[nr] += (long) INIT_SIZE * x.dsize;
                    }
                    ns[k][np[k]] = id;
                    nu[k] |= 1L << np[k];
                    np[k]++;
                    ne[nr]++;
                }
            }
        }
        // The old table's holes and expired entries do not move: their ids are free again. As in
        // the kernel, an expired entry left behind keeps its prefix counted and its comment's bytes.
        for (int b = 0; b < slots.length; b++) {
            int[] s = slots[b];
            if (s == null) {
                continue;
            }
            for (int j = 0; j < s.length; j++) {
                if (s[j] >= 0 && (j >= pos[b] || !inUse(b, j) || x.expired(s[j], now))) {
                    freeId(s[j]);
                }
            }
        }
        bits = newBits;
        slots = ns;
        used = nu;
        pos = np;
        size = nz;
        regionElements = ne;
        regionMemory = nm;
        regionMaxElem = maxElem / newLocks;
        return true;
    }

    /** mtype_flush: every bucket freed. */
    void flush() {
        for (int b = 0; b < slots.length; b++) {
            if (slots[b] != null) {
                release(b);
            }
        }
        Arrays.fill(regionElements, 0);
        Arrays.fill(regionMemory, 0);
        x.clearComments();
    }

    /** Receives the live entries of a listing, in the kernel's order. */
    interface Visitor {
        void entry(int id, int[] keys, int offset, boolean nomatch);
    }

    /** mtype_list: the live entries, bucket by bucket. */
    void list(Visitor visitor, long now) {
        for (int b = 0; b < slots.length; b++) {
            int[] s = slots[b];
            if (s == null) {
                continue;
            }
            for (int j = 0; j < pos[b]; j++) {
                if (inUse(b, j) && !x.expired(s[j], now)) {
                    visitor.entry(s[j], keys, s[j] * words, nomatch[s[j]]);
                }
            }
        }
    }

    /** Receives every stored entry, expired ones too, with the bucket and slot it sits in. */
    interface LayoutVisitor {
        void entry(int bucket, int bucketSize, int slot, int id, int[] keys, int offset, boolean nomatch);
    }

    /** Every stored entry where it sits, for the state file: a reload puts each back in its place. */
    void layout(LayoutVisitor visitor) {
        for (int b = 0; b < slots.length; b++) {
            int[] s = slots[b];
            if (s == null) {
                continue;
            }
            for (int j = 0; j < pos[b]; j++) {
                if (inUse(b, j)) {
                    visitor.entry(b, size[b], j, s[j], keys, s[j] * words, nomatch[s[j]]);
                }
            }
        }
    }

    /**
     * Puts an entry back where {@link #layout} found it (bucket, bucket size, slot), and returns
     * its id for its extensions; -1 when the place does not fit this table.
     */
    int place(int b, int bucketSize, int slot, int[] key, int off, boolean flagNomatch) {
        if (b < 0 || b >= slots.length || slot < 0 || slot >= bucketSize || bucketSize > 64
                || (slots[b] == null ? false : (size[b] != bucketSize || inUse(b, slot)))) {
            return -1;
        }
        int r = region(b);
        if (slots[b] == null) {
            slots[b] = new int[bucketSize];
            Arrays.fill(slots[b], -1);
            size[b] = (byte) bucketSize;
            regionMemory[r] += bucketMemory(bucketSize, x.dsize);
        }
        int id = newId();
        slots[b][slot] = id;
        used[b] |= 1L << slot;
        pos[b] = (byte) Math.max(pos[b], slot + 1);
        regionElements[r]++;
        System.arraycopy(key, off, keys, id * words, words);
        nomatch[id] = flagNomatch;
        if (prefixes != null) {
            prefixes.added(keys, id * words);
        }
        return id;
    }

    /** The live entries (mtype_ext_size's count). */
    int elements(long now) {
        int count = 0;
        for (int b = 0; b < slots.length; b++) {
            if (slots[b] == null) {
                continue;
            }
            for (int j = 0; j < pos[b]; j++) {
                if (inUse(b, j) && !x.expired(slots[b][j], now)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The buckets' memory and the region locks, as mtype_head adds them to the set's base size. */
    long memory() {
        long m = (long) (locks(bits) - 1) * REGION_SIZE;
        for (long r : regionMemory) {
            m += r;
        }
        return m;
    }

    /** The table's size (the listing's hashsize). */
    long hashSize() {
        return 1L << bits;
    }
}
