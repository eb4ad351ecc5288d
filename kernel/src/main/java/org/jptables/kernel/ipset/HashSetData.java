package org.jptables.kernel.ipset;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * What every hash type shares (ip_set_hash_gen.h): the table, the create options (hashsize,
 * maxelem, bucketsize, initval, forceadd), the prefix book-keeping of the net types, the
 * garbage collection region by region, and the adt dispatch with the table's growth on a full
 * bucket. Each type says how its element is taken from a packet and from a command, and how its
 * words read back.
 */
abstract class HashSetData extends IpSetData {
    /** IPSET_DEFAULT_HASHSIZE, IPSET_MIMINAL_HASHSIZE, IPSET_DEFAULT_MAXELEM. */
    static final long DEFAULT_HASHSIZE = 1024;
    static final long MINIMAL_HASHSIZE = 64;
    static final long DEFAULT_MAXELEM = 65536;

    final HashTable table;
    /** The most specific prefixes first; null for the types that store no nets. */
    final NetPrefixes nets;
    /** The element of the packet being handled, reused under the lock. */
    final int[] packetKey;
    private final int bucketSizeOption;
    private int gcRegion;

    HashSetData(SetType type, String name, CreateAttributes c, long now, int words) {
        super(type, name, c, type.elementSize(), type.elementAlign(), now);
        long hashSize = c.hashSize == null ? DEFAULT_HASHSIZE : Math.max(c.hashSize, MINIMAL_HASHSIZE);
        int bits = 64 - Long.numberOfLeadingZeros(hashSize - 1);
        long maxElem = c.maxElem == null ? DEFAULT_MAXELEM : c.maxElem;
        int bucketSize = HashTable.MAX_SIZE;
        if (c.bucketSize != null) {
            bucketSize = Math.min(HashTable.MAX_SIZE, Math.max(HashTable.INIT_SIZE, c.bucketSize));
            bucketSize += bucketSize % 2;
        }
        this.bucketSizeOption = bucketSize;
        int initval = c.initval != null ? (int) (long) c.initval : ThreadLocalRandom.current().nextInt();
        this.nets = type.storesNets() ? new NetPrefixes() : null;
        HashTable.Prefixes book = nets == null ? null : new HashTable.Prefixes() {
            @Override
            public void added(int[] keys, int offset) {
                nets.add(cidrOf(keys, offset));
            }

            @Override
            public void removed(int[] keys, int offset) {
                nets.remove(cidrOf(keys, offset));
            }
        };
        this.table = new HashTable(words, x, book, bits, (int) Math.min(maxElem, Integer.MAX_VALUE), bucketSize,
                initval, c.forceadd);
        this.packetKey = new int[words];
    }

    /** The prefix length of the stored words (net types). */
    int cidrOf(int[] keys, int offset) {
        return 32;
    }

    /** Whether {@code hashsize} makes a table the kernel can allocate (htable_size). */
    static boolean tableFits(Long hashSize) {
        long size = hashSize == null ? DEFAULT_HASHSIZE : Math.max(hashSize, MINIMAL_HASHSIZE);
        int bits = 64 - Long.numberOfLeadingZeros(size - 1);
        return bits <= 31 && (1L << bits) <= (Integer.MAX_VALUE - 40) / 8;
    }

    // ---- adt -------------------------------------------------------------------------------

    /**
     * One element added, deleted or tested: the table's codes, 1 for a test's match. A command's
     * addition doubles the table while the element's bucket is full; a packet's does not.
     */
    final int adt(int adt, int[] key, boolean nomatch, EntryValues v, int flags, boolean exist, long now,
                  boolean command) {
        switch (adt) {
            case ADD: {
                int ret = table.add(key, 0, nomatch, v, exist, now);
                while (ret == HashTable.AGAIN && command) {
                    if (!table.grow(now)) {
                        return HashTable.FULL;
                    }
                    ret = table.add(key, 0, nomatch, v, exist, now);
                }
                return ret;
            }
            case DEL:
                return table.delete(key, 0, now);
            default:
                return table.test(key, 0, v, flags, now);
        }
    }

    /**
     * mtype_test_cidrs: the address in word {@code ipWord} of {@code key} masked to each stored
     * prefix in turn, most specific first; the first entry that matches decides.
     */
    final int testNets(int[] key, int ipWord, long address, EntryValues v, int flags, long now) {
        for (int j = 0; j < nets.length(); j++) {
            int cidr = nets.cidr(j);
            key[ipWord] = PacketFields.word(address & PacketFields.netmask(cidr));
            setCidr(key, cidr);
            int ret = table.test(key, 0, v, flags, now);
            if (ret != 0) {
                return ret;
            }
        }
        return 0;
    }

    /** Writes {@code cidr} into the key's words (net types). */
    void setCidr(int[] key, int cidr) {
    }

    /** The prefix a packet's addition stores its address under: the most specific one held, else /32. */
    final int packetCidr() {
        return nets.length() > 0 ? nets.cidr(0) : 32;
    }

    /**
     * The port of a command's element after the protocol checks of the port types: 0 for a
     * protocol without ports, ICMP's type and code kept.
     */
    static int commandPort(SetAttributes a) throws SetException {
        if (a.proto == null) {
            throw SetError.MISSING_PROTO.exception();
        }
        if (a.proto == 0) {
            throw SetError.INVALID_PROTO.exception();
        }
        return PacketFields.withPorts(a.proto) || a.proto == 1 ? a.port : 0;
    }

    /** A command's code as the kernel returns it: -exist forgives an existing (or missing) element. */
    static void check(int ret, boolean exist) throws SetException {
        if (ret == HashTable.OK || ret > 0) {
            return;
        }
        if (ret == HashTable.EXIST) {
            if (exist) {
                return;
            }
            throw SetError.EXIST.exception();
        }
        if (ret == HashTable.FULL || ret == HashTable.AGAIN) {
            throw SetError.HASH_FULL.exception();
        }
        throw SetError.INVALID.exception();
    }

    @Override
    final int kernel(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now) {
        return packetAdt(packet, lookup, adt, v, flags, now);
    }

    /** The type's kadt. */
    abstract int packetAdt(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now);

    /** The words of a stored element, from attributes that name exactly one (the state file). */
    abstract boolean keyOf(SetAttributes a, int[] key);

    /** The element of stored words, as a listing shows it. */
    abstract void describe(int[] keys, int offset, boolean nomatch, SetAttributes out);

    // ---- garbage collection ----------------------------------------------------------------

    @Override
    long firstGcDelay() {
        return Timeouts.HZ;
    }

    @Override
    long gcInterval() {
        long next = Timeouts.gcPeriod(defaultTimeout) * Timeouts.HZ / HashTable.locks(table.bits);
        return Math.max(next, Timeouts.HZ / 10);
    }

    @Override
    int gcRegions() {
        return HashTable.locks(table.bits);
    }

    @Override
    void skipRegions(long runs) {
        gcRegion = (int) ((gcRegion + runs) % gcRegions());
    }

    @Override
    void collect(long time) {
        int r = gcRegion++;
        if (r >= gcRegions()) {
            r = 0;
            gcRegion = 1;
        }
        table.gcRange(r, time);
    }

    // ---- listing ---------------------------------------------------------------------------

    @Override
    final synchronized void flush(SetStore store) {
        table.flush();
        if (nets != null) {
            nets.clear();
        }
    }

    @Override
    CreateAttributes header() {
        CreateAttributes h = new CreateAttributes();
        h.hashSize = table.hashSize();
        h.maxElem = Integer.toUnsignedLong(table.maxElem);
        h.bucketSize = bucketSizeOption;
        h.initval = Integer.toUnsignedLong(table.initval);
        h.forceadd = table.forceAdd;
        return flags(h);
    }

    @Override
    final synchronized long memory(long now) {
        return type.baseSize() + table.memory() + x.commentBytes();
    }

    @Override
    final synchronized int elements(long now) {
        return table.elements(now);
    }

    @Override
    final synchronized void list(List<SetAttributes> out, long now, SetStore store) {
        table.list((id, keys, offset, nomatch) -> {
            SetAttributes a = new SetAttributes();
            describe(keys, offset, nomatch, a);
            x.fill(id, a, now);
            out.add(a);
        }, now);
    }

    @Override
    boolean sameAs(IpSetData other) {
        return other instanceof HashSetData h && h.table.maxElem == table.maxElem
                && h.defaultTimeout == defaultTimeout && h.x.sameAs(x) && sameMask(h);
    }

    /** Whether the bitmask agrees (the types with netmask). */
    boolean sameMask(HashSetData other) {
        return true;
    }

    /** An entry of the state file put back where it was (bucket, bucket size, slot). */
    final synchronized boolean restore(SetAttributes a, long deadline, int bucket, int bucketSize, int slot) {
        int[] key = new int[packetKey.length];
        if (!keyOf(a, key)) {
            return false;
        }
        int id = table.place(bucket, bucketSize, slot, key, 0, a.nomatch);
        if (id < 0) {
            return false;
        }
        x.restore(id, a, deadline);
        return true;
    }

    /** Receives the stored entries for the state file. */
    interface StoredEntry {
        void entry(SetAttributes element, long deadline, int bucket, int bucketSize, int slot);
    }

    /** Every stored entry (expired ones too) with its deadline and place, for the state file. */
    final synchronized void stored(StoredEntry sink, long now) {
        table.layout((bucket, bucketSize, slot, id, keys, offset, nomatch) -> {
            SetAttributes a = new SetAttributes();
            describe(keys, offset, nomatch, a);
            x.fill(id, a, now);
            a.timeout = null;
            sink.entry(a, x.deadline(id), bucket, bucketSize, slot);
        });
    }

    @Override
    int gcCursor() {
        return gcRegion;
    }

    @Override
    void gcCursor(int cursor) {
        gcRegion = Math.max(0, Math.min(cursor, gcRegions()));
    }
}
