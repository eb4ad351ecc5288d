package org.jptables.kernel.ipset;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jptables.api.IpSets;

/**
 * The sets of one network namespace, as ip_set_core.c keeps them: a list of indexes, each holding
 * a set; create, destroy, flush, rename and swap as the kernel does them, with its errors; the
 * elements' ADD, DEL and TEST of the ipset tool; and the lookup by name that a rule makes once
 * when it is loaded ({@link #find}), which counts a reference.
 *
 * <p>Commands run on the store's clock (the wall clock unless given another); packets on their
 * own time stamps. Both age the sets the same way: timeouts and the periodic collection are
 * measured in jiffies of whichever clock is asking.
 */
public final class SetStore implements IpSets {
    /** CONFIG_IP_SET_MAX: the indexes a namespace starts with. */
    static final int INITIAL_MAX = 256;
    /** IP_SET_INC: how many more indexes a full list grows by. */
    static final int INCREMENT = 64;
    /** IPSET_INVALID_ID - 1: the most indexes there can be. */
    static final int LIMIT = 65534;

    private final List<SetSlot> slots = new ArrayList<>();
    private int max = INITIAL_MAX;
    private final LongSupplier clock;

    /** A store on the wall clock. */
    public SetStore() {
        this(() -> System.currentTimeMillis() * 1_000_000L);
    }

    /** A store whose commands run at the nanosecond time {@code clock} gives. */
    public SetStore(LongSupplier clock) {
        this.clock = clock;
    }

    /** The commands' time, in jiffies. */
    public long now() {
        return Timeouts.jiffies(clock.getAsLong());
    }

    // ---- lookups ---------------------------------------------------------------------------

    /** The index holding {@code name}, or null (find_set_and_id). */
    public synchronized SetSlot slot(String name) {
        for (SetSlot s : slots) {
            if (s != null && s.data().name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** {@link #slot} with one more reference (ip_set_get_byname), or null. */
    synchronized SetSlot hold(String name) {
        SetSlot s = slot(name);
        return s == null ? null : s.hold();
    }

    /** A rule's lookup at load time (ip_set_nfnl_get_byindex): counted as a reference. */
    @Override
    public synchronized SetSlot find(String name) {
        return hold(name);
    }

    /** The sets in the order the kernel dumps them: by index, list:sets last. */
    public synchronized List<SetSlot> dumpOrder() {
        List<SetSlot> order = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (SetSlot s : slots) {
                if (s != null && (pass == 1) == ((s.data().type.features() & SetType.Features.DUMP_LAST) != 0)) {
                    order.add(s);
                }
            }
        }
        return order;
    }

    private SetSlot existing(String name) throws SetException {
        SetSlot s = slot(name);
        if (s == null) {
            throw SetError.NO_SUCH_SET.exception();
        }
        return s;
    }

    // ---- set commands ----------------------------------------------------------------------

    /**
     * ip_set_create: the set is made (the type's checks first), then given the first free index.
     * With {@code exist} an identical set of that name is no error.
     */
    public synchronized void create(String name, SetType type, CreateAttributes c, boolean exist)
            throws SetException {
        long now = now();
        IpSetData set = make(name, type, c, now);
        SetSlot clash = slot(name);
        if (clash != null) {
            IpSetData other = clash.data();
            if (exist && other.type == type && set.sameAs(other)) {
                return;
            }
            throw SetError.SET_EXISTS.exception();
        }
        int free = slots.indexOf(null);
        if (free < 0) {
            if (slots.size() >= max) {
                if (max + INCREMENT > LIMIT) {
                    throw SetError.MAX_SETS.exception();
                }
                max += INCREMENT;
            }
            free = slots.size();
            slots.add(null);
        }
        slots.set(free, new SetSlot(free, set));
    }

    private static IpSetData make(String name, SetType type, CreateAttributes c, long now) throws SetException {
        if (c.timeout != null && c.timeout > 0xFFFFFFFFL) {
            throw SetError.PROTOCOL.exception();
        }
        switch (type) {
            case HASH_IP, HASH_IP_PORT -> {
                if (c.netmask != null && (c.netmask == 0 || c.netmask > 32)) {
                    throw SetError.INVALID_NETMASK.exception();
                }
                if (c.bitmask != null) {
                    if (c.netmask != null) {
                        throw SetError.BITMASK_NETMASK_EXCL.exception();
                    }
                    if (c.bitmask == 0) {
                        throw SetError.INVALID_NETMASK.exception();
                    }
                }
            }
            default -> {
            }
        }
        if (type.isHash() && !HashSetData.tableFits(c.hashSize)) {
            throw SetError.NO_MEMORY.exception();
        }
        return switch (type) {
            case HASH_IP -> new HashIp(type, name, c, now);
            case HASH_NET -> new HashNet(type, name, c, now);
            case HASH_IP_PORT -> new HashIpPort(type, name, c, now);
            case HASH_NET_PORT -> new HashNetPort(type, name, c, now);
            case HASH_IP_PORT_IP -> new HashIpPortIp(type, name, c, now);
            case HASH_MAC -> new HashMac(type, name, c, now);
            case BITMAP_IP -> BitmapIp.create(name, c, now);
            case BITMAP_PORT -> BitmapPort.create(name, c, now);
            case LIST_SET -> new ListSet(name, c, now);
        };
    }

    /** ip_set_destroy: one set ({@code exist}: a missing one is no error), or every set (null). */
    public synchronized void destroy(String name, boolean exist) throws SetException {
        if (name == null) {
            for (SetSlot s : slots) {
                if (s != null && s.references() > 0) {
                    throw SetError.BUSY.exception();
                }
            }
            for (int i = 0; i < slots.size(); i++) {
                SetSlot s = slots.get(i);
                if (s != null) {
                    slots.set(i, null);
                    s.data().release(this);
                }
            }
            return;
        }
        SetSlot s = slot(name);
        if (s == null) {
            if (!exist) {
                throw SetError.NO_SUCH_SET.exception();
            }
            return;
        }
        if (s.references() > 0) {
            throw SetError.BUSY.exception();
        }
        slots.set(s.index(), null);
        s.data().release(this);
    }

    /** ip_set_flush: one set, or every set (null). */
    public synchronized void flush(String name) throws SetException {
        if (name == null) {
            for (SetSlot s : slots) {
                if (s != null) {
                    s.data().flush(this);
                }
            }
            return;
        }
        existing(name).data().flush(this);
    }

    /** ip_set_rename: refused while the set is held. */
    public synchronized void rename(String from, String to) throws SetException {
        SetSlot s = existing(from);
        if (s.references() != 0) {
            throw SetError.REFERENCED.exception();
        }
        if (slot(to) != null) {
            throw SetError.EXIST_SETNAME2.exception();
        }
        s.data().name = to;
    }

    /** ip_set_swap: the sets change indexes and names; the references stay with the indexes. */
    public synchronized void swap(String from, String to) throws SetException {
        SetSlot a = existing(from);
        SetSlot b = slot(to);
        if (b == null) {
            throw SetError.EXIST_SETNAME2.exception();
        }
        IpSetData x = a.data();
        IpSetData y = b.data();
        if (x.type.features() != y.type.features() || x.type.hasFamily() != y.type.hasFamily()) {
            throw SetError.TYPE_MISMATCH.exception();
        }
        String nameX = x.name();
        x.name = y.name();
        y.name = nameX;
        a.data(y);
        b.data(x);
    }

    // ---- element commands ------------------------------------------------------------------

    /** ip_set_uadd and ip_set_udel. */
    public void change(String name, SetAttributes a, boolean add, boolean exist) throws SetException {
        IpSetData set;
        synchronized (this) {
            set = existing(name).data();
        }
        long now = now();
        synchronized (set) {
            set.catchUp(now);
            set.command(add ? IpSetData.ADD : IpSetData.DEL, a, exist, now, this);
        }
    }

    /** ip_set_utest: whether the element is in the set. */
    public boolean test(String name, SetAttributes a) throws SetException {
        IpSetData set;
        synchronized (this) {
            set = existing(name).data();
        }
        long now = now();
        synchronized (set) {
            set.catchUp(now);
            return set.commandTest(a, now, this);
        }
    }

    // ---- listing ---------------------------------------------------------------------------

    /** What a listing's header says of a set (type, revision, options, memory, references, count). */
    public record Header(String name, SetType type, CreateAttributes options, long memory, int references,
                         int elements) {
    }

    /** The header of the set at {@code slot}, aged to now. */
    public Header header(SetSlot slot) {
        IpSetData set = slot.data();
        long now = now();
        synchronized (set) {
            set.catchUp(now);
            return new Header(set.name(), set.type, set.header(), set.memory(now), slot.references(),
                    set.elements(now));
        }
    }

    /** The live entries of the set at {@code slot}, in the kernel's order. */
    public List<SetAttributes> entries(SetSlot slot) {
        IpSetData set = slot.data();
        long now = now();
        List<SetAttributes> out = new ArrayList<>();
        synchronized (set) {
            set.catchUp(now);
            set.list(out, now, this);
        }
        return out;
    }

    // ---- the state file --------------------------------------------------------------------

    /** One stored entry of a set: its element and extensions, deadline, and place in a hash table. */
    public record StoredEntry(SetAttributes element, long deadline, int bucket, int bucketSize, int slot) {
    }

    /** Every stored entry of the set at {@code slot}, expired ones too, in its own order. */
    public List<StoredEntry> stored(SetSlot slot) {
        IpSetData set = slot.data();
        long now = now();
        List<StoredEntry> out = new ArrayList<>();
        synchronized (set) {
            if (set instanceof HashSetData h) {
                h.stored((a, d, b, size, place) -> out.add(new StoredEntry(a, d, b, size, place)), now);
            } else if (set instanceof BitmapSetData b) {
                b.stored((a, d) -> out.add(new StoredEntry(a, d, -1, 0, -1)), now);
            } else if (set instanceof ListSet l) {
                l.stored((a, d) -> out.add(new StoredEntry(a, d, -1, 0, -1)), now);
            }
        }
        return out;
    }

    /** Puts back an entry of the state file; false when it does not fit the set. */
    public boolean restore(SetSlot slot, StoredEntry e) {
        IpSetData set = slot.data();
        synchronized (set) {
            if (set instanceof HashSetData h) {
                return h.restore(e.element(), e.deadline(), e.bucket(), e.bucketSize(), e.slot());
            } else if (set instanceof BitmapSetData b) {
                return b.restore(e.element(), e.deadline());
            } else if (set instanceof ListSet l) {
                return l.restore(e.element(), e.deadline(), this);
            }
            return false;
        }
    }

    /** The next garbage collection (jiffies) and region of the set at {@code slot}. */
    public long[] collection(SetSlot slot) {
        IpSetData set = slot.data();
        synchronized (set) {
            return new long[] {set.gcNext, set.gcCursor()};
        }
    }

    /** Puts back the collection schedule the state file kept. */
    public void collection(SetSlot slot, long next, int cursor) {
        IpSetData set = slot.data();
        synchronized (set) {
            set.gcNext = next;
            set.gcCursor(cursor);
        }
    }

    /** Moves the set named {@code name} to index {@code index} when that index is free (a reload). */
    public synchronized boolean moveTo(String name, int index) {
        SetSlot s = slot(name);
        if (s == null || index < 0 || index >= LIMIT) {
            return false;
        }
        if (s.index() == index) {
            return true;
        }
        while (slots.size() <= index) {
            slots.add(null);
        }
        if (slots.get(index) != null) {
            return false;
        }
        while (max < slots.size()) {
            max += INCREMENT;
        }
        slots.set(s.index(), null);
        SetSlot moved = new SetSlot(index, s.data());
        slots.set(index, moved);
        for (int i = s.references(); i > 0; i--) {
            moved.hold();
        }
        return true;
    }
}
