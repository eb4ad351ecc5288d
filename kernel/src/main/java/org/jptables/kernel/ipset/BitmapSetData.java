package org.jptables.kernel.ipset;

import java.util.List;
import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * What the bitmap types share (ip_set_bitmap_gen.h): one bit per possible element, the extensions
 * of every possible element allocated up front, an element count that keeps expired entries until
 * the collection removes them (the kernel's set->elements), and a collection every period.
 */
abstract class BitmapSetData extends IpSetData {
    /** IPSET_BITMAP_MAX_RANGE + 1: the most elements a bitmap may have. */
    static final long MAX_ELEMENTS = 0x10000;

    final int size;
    private final long[] members;
    private int count;

    BitmapSetData(SetType type, String name, CreateAttributes c, long now, int size) {
        super(type, name, c, 0, 0, now);
        this.size = size;
        this.members = new long[(size + 63) / 64];
        x.ensure(size);
        for (int i = 0; i < size; i++) {
            x.reset(i);
        }
    }

    private boolean member(int id) {
        return (members[id >>> 6] & (1L << id)) != 0;
    }

    /** mtype_add: {@link HashTable#OK} or {@link HashTable#EXIST}. */
    final int add(int id, EntryValues v, boolean exist, long now) {
        boolean present = member(id);
        if (present) {
            if (x.expired(id, now)) {
                count--;
                present = false;
            } else if (!exist) {
                return HashTable.EXIST;
            }
            x.destroy(id);
        }
        if (present) {
            count--;
        }
        x.init(id, v, now);
        members[id >>> 6] |= 1L << id;
        count++;
        return HashTable.OK;
    }

    /** mtype_del: an expired entry is deleted but still answers that it was not there. */
    final int delete(int id, long now) {
        if (!member(id)) {
            return HashTable.EXIST;
        }
        members[id >>> 6] &= ~(1L << id);
        x.destroy(id);
        count--;
        return x.expired(id, now) ? HashTable.EXIST : HashTable.OK;
    }

    /** mtype_test. */
    final int test(int id, EntryValues v, int flags, long now) {
        if (!member(id)) {
            return 0;
        }
        return x.match(id, v, flags, now) ? 1 : 0;
    }

    /** One element of a packet or a command, by id. */
    final int adt(int adt, int id, EntryValues v, int flags, boolean exist, long now) {
        return switch (adt) {
            case ADD -> add(id, v, exist, now);
            case DEL -> delete(id, now);
            default -> test(id, v, flags, now);
        };
    }

    /** The packet's element id, or -1 when it has none or it is out of range. */
    abstract int packetId(Packet packet, SetLookup lookup);

    @Override
    final int kernel(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now) {
        int id = packetId(packet, lookup);
        if (id < 0) {
            return -1;
        }
        return adt(adt, id, v, flags, (flags & SetLookup.FLAG_EXIST) != 0, now);
    }

    @Override
    void collect(long time) {
        for (int id = 0; id < size; id++) {
            if (member(id) && x.expired(id, time)) {
                members[id >>> 6] &= ~(1L << id);
                x.destroy(id);
                count--;
            }
        }
    }

    @Override
    final synchronized void flush(SetStore store) {
        for (int id = 0; id < size; id++) {
            if (member(id)) {
                x.destroy(id);
            }
        }
        java.util.Arrays.fill(members, 0);
        count = 0;
        x.clearComments();
    }

    @Override
    final synchronized long memory(long now) {
        return type.baseSize() + members.length * 8L + (long) size * x.dsize + x.commentBytes();
    }

    @Override
    final synchronized int elements(long now) {
        return count;
    }

    /** The element of id {@code id}, as a listing shows it. */
    abstract void describe(int id, SetAttributes out);

    @Override
    final synchronized void list(List<SetAttributes> out, long now, SetStore store) {
        for (int id = 0; id < size; id++) {
            if (member(id) && !x.expired(id, now)) {
                SetAttributes a = new SetAttributes();
                describe(id, a);
                x.fill(id, a, now);
                out.add(a);
            }
        }
    }

    /** The id of a stored element named by attributes (the state file), or -1. */
    abstract int idOf(SetAttributes a);

    /** An entry of the state file put back, with its deadline. */
    final synchronized boolean restore(SetAttributes a, long deadline) {
        int id = idOf(a);
        if (id < 0 || member(id)) {
            return false;
        }
        members[id >>> 6] |= 1L << id;
        count++;
        x.restore(id, a, deadline);
        return true;
    }

    /** Receives the stored entries for the state file. */
    interface StoredEntry {
        void entry(SetAttributes element, long deadline);
    }

    /** Every stored entry (expired ones too) with its deadline, for the state file. */
    final synchronized void stored(StoredEntry sink, long now) {
        for (int id = 0; id < size; id++) {
            if (member(id)) {
                SetAttributes a = new SetAttributes();
                describe(id, a);
                x.fill(id, a, now);
                a.timeout = null;
                sink.entry(a, x.deadline(id));
            }
        }
    }
}
