package org.jptables.kernel.ipset;

import java.util.List;
import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * One set as the kernel keeps it (struct ip_set with its type's variant): name, type, extensions,
 * the references rules and list:sets hold, and the type's data. The packet entry points take the
 * set's lock, age the set on the packet's clock and allocate nothing; the command entry points
 * (the ipset tool's ADD, DEL, TEST, LIST) run on the caller's clock.
 */
public abstract class IpSetData {
    static final int ADD = 0;
    static final int DEL = 1;
    static final int TEST = 2;

    final SetType type;
    volatile String name;
    final Extensions x;
    /** set->timeout: the default timeout in seconds, {@link Timeouts#NO_TIMEOUT} without timeout support. */
    final long defaultTimeout;
    /** The values of the packet being handled, reused under the lock. */
    final EntryValues packetValues = new EntryValues();
    /** The next garbage collection, in jiffies; only with timeout support. */
    long gcNext;

    IpSetData(SetType type, String name, CreateAttributes c, int elementSize, int elementAlign, long now) {
        this.type = type;
        this.name = name;
        this.x = new Extensions(c.timeout != null, c.counters, c.comment, c.skbinfo, elementSize, elementAlign);
        this.defaultTimeout = c.timeout != null ? Timeouts.normalize(c.timeout) : Timeouts.NO_TIMEOUT;
        this.gcNext = now + firstGcDelay();
    }

    public final SetType type() {
        return type;
    }

    public final String name() {
        return name;
    }

    /** The jiffies after creation before the first collection (hash: HZ; bitmap and list: a period). */
    long firstGcDelay() {
        return Timeouts.gcPeriod(defaultTimeout) * Timeouts.HZ;
    }

    /** The jiffies from one collection to the next. */
    long gcInterval() {
        return Timeouts.gcPeriod(defaultTimeout) * Timeouts.HZ;
    }

    /** How many collections make a whole pass over the set (the hash types' region locks). */
    int gcRegions() {
        return 1;
    }

    /** One collection run at {@code time}. */
    abstract void collect(long time);

    /**
     * The collections the kernel's timer would have run by {@code now}, each at its own time. Runs
     * older than a whole pass are skipped: the later runs remove what they would have.
     */
    final void catchUp(long now) {
        if (!x.timeout || now < gcNext) {
            return;
        }
        long interval = gcInterval();
        long runs = (now - gcNext) / interval + 1;
        long skip = Math.max(0, runs - gcRegions());
        gcNext += skip * interval;
        skipRegions(skip);
        while (gcNext <= now) {
            collect(gcNext);
            gcNext += interval;
        }
    }

    /** Moves the hash types' region cursor past {@code runs} skipped runs. */
    void skipRegions(long runs) {
    }

    // ---- the packet path -------------------------------------------------------------------

    /** ip_set_test. */
    final boolean test(Packet packet, SetLookup lookup) {
        return test(packet, lookup, lookup.flags(), true);
    }

    /**
     * ip_set_test with the command flags {@code flags} (a list:set asks its members with its own)
     * and, when {@code compare}, the lookup's counter comparisons.
     */
    final synchronized boolean test(Packet packet, SetLookup lookup, int flags, boolean compare) {
        if (lookup.dimension() < type.dimension()) {
            return false;
        }
        long now = Timeouts.jiffies(packet.timeNanos());
        catchUp(now);
        EntryValues v = packetValues.forPacket(packet.totalLength(), Timeouts.NO_TIMEOUT, compare ? lookup : null);
        int ret = kernel(packet, lookup, TEST, v, flags, now);
        if ((flags & SetLookup.FLAG_RETURN_NOMATCH) != 0 && type.storesNets()
                && (ret > 0 || ret == HashTable.NOMATCH)) {
            ret = -ret;
        }
        return ret > 0;
    }

    /** ip_set_test for --map-set: a match hands the entry's skbinfo to the packet. */
    final synchronized boolean map(Packet packet, SetLookup lookup) {
        if (!test(packet, lookup)) {
            return false;
        }
        EntryValues v = packetValues;
        if ((lookup.flags() & SetLookup.FLAG_MAP_SKBMARK) != 0) {
            packet.setMark((packet.mark() & ~v.foundMarkMask) ^ v.foundMark);
        }
        if ((lookup.flags() & SetLookup.FLAG_MAP_SKBPRIO) != 0) {
            packet.setPriority(v.foundPrio);
        }
        return true;
    }

    /** ip_set_add and ip_set_del, the SET target's: 0 when done, below 0 when not. */
    final synchronized int change(Packet packet, SetLookup lookup, boolean add) {
        if (lookup.dimension() < type.dimension()) {
            return -1;
        }
        long now = Timeouts.jiffies(packet.timeNanos());
        catchUp(now);
        long timeout = lookup.timeout() != SetLookup.SET_TIMEOUT ? lookup.timeout() : defaultTimeout;
        EntryValues v = packetValues.forPacket(packet.totalLength(), timeout, null);
        return kernel(packet, lookup, add ? ADD : DEL, v, lookup.flags(), now);
    }

    /**
     * The type's kadt and adt: the element taken from the packet, added, deleted or tested. A test
     * gives 1 for a match, 0, or {@link HashTable#NOMATCH}; anything below 0 is a failure.
     */
    abstract int kernel(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now);

    // ---- commands --------------------------------------------------------------------------

    /** The type's uadt for an ADD or DEL from the ipset tool; {@code exist} is -exist. */
    abstract void command(int adt, SetAttributes a, boolean exist, long now, SetStore store) throws SetException;

    /** The type's uadt for a TEST: whether the element is in the set. */
    abstract boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException;

    /** IP_SET_INIT_UEXT with the attributes' extensions (ip_set_get_extensions). */
    final EntryValues commandValues(SetAttributes a) throws SetException {
        EntryValues v = new EntryValues().forCommand(defaultTimeout);
        if (a.timeout != null) {
            if (!x.timeout) {
                throw SetError.TIMEOUT.exception();
            }
            v.timeout = Timeouts.normalize(a.timeout);
        }
        if (a.packets != null || a.bytes != null) {
            if (!x.counters) {
                throw SetError.COUNTER.exception();
            }
            if (a.bytes != null) {
                v.bytes = a.bytes;
            }
            if (a.packets != null) {
                v.packets = a.packets;
            }
        }
        if (a.comment != null) {
            if (!x.comment) {
                throw SetError.COMMENT.exception();
            }
            v.comment = a.comment;
        }
        if (a.skbMark != null || a.skbPrio != null || a.skbQueue != null) {
            if (!x.skbinfo) {
                throw SetError.SKBINFO.exception();
            }
            if (a.skbMark != null) {
                v.skbMark = (int) (a.skbMark >>> 32);
                v.skbMarkMask = (int) (long) a.skbMark;
            }
            if (a.skbPrio != null) {
                v.skbPrio = (int) (long) a.skbPrio;
            }
            if (a.skbQueue != null) {
                v.skbQueue = a.skbQueue;
            }
        }
        return v;
    }

    /** mtype_flush. */
    abstract void flush(SetStore store);

    /** The type's part of the header (mtype_head), without the core's references and memory. */
    abstract CreateAttributes header();

    /** "Size in memory" (mtype_head's memsize). */
    abstract long memory(long now);

    /** "Number of entries". */
    abstract int elements(long now);

    /** The live entries, in the kernel's listing order. */
    abstract void list(List<SetAttributes> out, long now, SetStore store);

    /** mtype_same_set: what create -exist compares, besides the type. */
    abstract boolean sameAs(IpSetData other);

    /** The garbage collection's region cursor (hash types); 0 for the others. */
    int gcCursor() {
        return 0;
    }

    void gcCursor(int cursor) {
    }

    /** Releases what the set holds of other sets (list:set members), when it is destroyed. */
    void release(SetStore store) {
    }

    /** Appends the attributes shared by every type's header: timeout and the extension flags. */
    final CreateAttributes flags(CreateAttributes h) {
        if (x.timeout) {
            h.timeout = defaultTimeout;
        }
        h.counters = x.counters;
        h.comment = x.comment;
        h.skbinfo = x.skbinfo;
        return h;
    }
}
