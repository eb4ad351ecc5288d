package org.jptables.kernel.ipset;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * list:set (ip_set_list_set.c): an ordered list of other sets. A packet matches when a member
 * matches it; an addition goes to the first member that takes it, a deletion to the first that
 * had it. Each member holds a reference to its set, so a member cannot be destroyed. The size
 * option is kept and listed; as in the reference kernel it limits nothing.
 */
final class ListSet extends IpSetData {
    /** IP_SET_LIST_DEFAULT_SIZE and IP_SET_LIST_MIN_SIZE. */
    static final long DEFAULT_SIZE = 8;
    static final long MIN_SIZE = 4;

    /** One member: the set's slot and the id of its extensions. */
    private record Member(SetSlot slot, int id) {
    }

    private final long size;
    private final List<Member> members = new ArrayList<>();
    private int[] freeIds = new int[0];
    private int freeCount;
    private int nextId;
    private int count;

    ListSet(String name, CreateAttributes c, long now) {
        super(SetType.LIST_SET, name, c, SetType.LIST_SET.elementSize(), SetType.LIST_SET.elementAlign(), now);
        this.size = Math.max(c.size == null ? DEFAULT_SIZE : c.size, MIN_SIZE);
    }

    private int newId() {
        int id = freeCount > 0 ? freeIds[--freeCount] : nextId++;
        x.ensure(id + 1);
        x.reset(id);
        return id;
    }

    private void removeAt(int i) {
        Member m = members.remove(i);
        x.destroy(m.id);
        m.slot.release();
        if (freeCount == freeIds.length) {
            freeIds = java.util.Arrays.copyOf(freeIds, Math.max(8, freeIds.length * 2));
        }
        freeIds[freeCount++] = m.id;
        count--;
    }

    private boolean expired(Member m, long now) {
        return x.expired(m.id, now);
    }

    // ---- packets ---------------------------------------------------------------------------

    @Override
    int kernel(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now) {
        if (adt == TEST) {
            // list_set_ktest: members are asked without counter comparisons, and without counting
            // when the sub-counters are not to be updated
            int memberFlags = flags;
            if ((flags & SetLookup.FLAG_SKIP_SUBCOUNTER_UPDATE) != 0) {
                memberFlags |= SetLookup.FLAG_SKIP_COUNTER_UPDATE;
            }
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                if (!m.slot.data().test(packet, lookup, memberFlags, false)) {
                    continue;
                }
                if (x.match(m.id, v, flags, now)) {
                    return 1;
                }
            }
            return 0;
        }
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (expired(m, now)) {
                continue;
            }
            if (m.slot.data().change(packet, lookup, adt == ADD) == 0) {
                return 0;
            }
        }
        return 0;
    }

    // ---- commands --------------------------------------------------------------------------

    @Override
    synchronized void command(int adt, SetAttributes a, boolean exist, long now, SetStore store)
            throws SetException {
        run(adt, a, exist, now, store);
    }

    @Override
    synchronized boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException {
        return run(TEST, a, false, now, store) > 0;
    }

    /** list_set_uadt: the member and its reference resolved, the adt run, the references given back. */
    private int run(int adt, SetAttributes a, boolean exist, long now, SetStore store) throws SetException {
        if (a.name == null) {
            throw SetError.PROTOCOL.exception();
        }
        EntryValues v = commandValues(a);
        SetSlot member = store.hold(a.name);
        if (member == null) {
            throw SetError.NAME.exception();
        }
        SetSlot ref = null;
        int ret;
        try {
            if ((member.data().type.features() & SetType.Features.NAME) != 0) {
                throw SetError.LOOP.exception();
            }
            int before = a.before ? 1 : 0;
            if (before != 0 && a.nameRef == null) {
                throw SetError.BEFORE.exception();
            }
            if (a.nameRef != null) {
                ref = store.hold(a.nameRef);
                if (ref == null) {
                    throw SetError.NAMEREF.exception();
                }
                if (before == 0) {
                    before = -1;
                }
            }
            if (adt != TEST && x.timeout) {
                cleanup(now);
            }
            ret = switch (adt) {
                case ADD -> add(member, ref, before, v, exist, now);
                case DEL -> delete(member, ref, before, now);
                default -> test(member, ref, before, now);
            };
        } catch (SetException e) {
            member.release();
            if (ref != null) {
                ref.release();
            }
            throw e;
        }
        if (ref != null) {
            ref.release();
        }
        if (adt != ADD || ret != 0) {
            member.release();
        }
        if (ret == HashTable.EXIST && exist) {
            return 0;
        }
        if (ret < 0) {
            throw (ret == HashTable.EXIST ? SetError.EXIST : SetError.REF_EXIST).exception();
        }
        return ret;
    }

    private static final int REF_EXIST = -5;

    /** list_set_utest. */
    private int test(SetSlot member, SetSlot ref, int before, long now) {
        Member prev = null;
        for (int i = 0; i < members.size(); i++) {
            Member e = members.get(i);
            if (expired(e, now)) {
                continue;
            }
            if (e.slot != member) {
                prev = e;
                continue;
            }
            if (before == 0) {
                return 1;
            }
            if (before > 0) {
                return i + 1 < members.size() && members.get(i + 1).slot == ref ? 1 : 0;
            }
            return prev != null && prev.slot == ref ? 1 : 0;
        }
        return 0;
    }

    /** list_set_uadd. */
    private int add(SetSlot member, SetSlot ref, int before, EntryValues v, boolean exist, long now) {
        int found = -1;
        int next = -1;
        int prev = -1;
        for (int i = 0; i < members.size(); i++) {
            Member e = members.get(i);
            if (expired(e, now)) {
                continue;
            } else if (e.slot == member) {
                found = i;
            } else if (before == 0 || e.slot != ref) {
                continue;
            } else if (before > 0) {
                next = i;
            } else {
                prev = i;
            }
        }
        if ((before > 0 && next < 0) || (before < 0 && prev < 0)) {
            return REF_EXIST;
        }
        if (found >= 0) {
            if (!exist) {
                return HashTable.EXIST;
            }
            Member e = members.get(found);
            x.destroy(e.id);
            x.init(e.id, v, now);
            // the set was in the list already: the new reference is not kept
            member.release();
            return 0;
        }
        int replace = -1;
        if (before == 0) {
            replace = members.isEmpty() ? -1 : members.size() - 1;
        } else if (before > 0) {
            replace = next + 1 < members.size() ? next + 1 : -1;
        } else {
            replace = prev - 1 >= 0 ? prev - 1 : -1;
        }
        if (replace >= 0 && !expired(members.get(replace), now)) {
            replace = -1;
        }
        Member m = new Member(member, newId());
        x.init(m.id, v, now);
        if (replace >= 0) {
            Member old = members.get(replace);
            members.set(replace, m);
            x.destroy(old.id);
            old.slot.release();
            freeIds(old.id);
        } else if (next >= 0) {
            members.add(next, m);
        } else if (prev >= 0) {
            members.add(prev + 1, m);
        } else {
            members.add(m);
        }
        // as the kernel's: a replaced member is not uncounted
        count++;
        return 0;
    }

    private void freeIds(int id) {
        if (freeCount == freeIds.length) {
            freeIds = java.util.Arrays.copyOf(freeIds, Math.max(8, freeIds.length * 2));
        }
        freeIds[freeCount++] = id;
    }

    /** list_set_udel. */
    private int delete(SetSlot member, SetSlot ref, int before, long now) {
        Member prev = null;
        for (int i = 0; i < members.size(); i++) {
            Member e = members.get(i);
            if (expired(e, now)) {
                continue;
            }
            if (e.slot != member) {
                prev = e;
                continue;
            }
            if (before > 0) {
                if (i + 1 >= members.size() || members.get(i + 1).slot != ref) {
                    return REF_EXIST;
                }
            } else if (before < 0) {
                if (prev == null || prev.slot != ref) {
                    return REF_EXIST;
                }
            }
            removeAt(i);
            return 0;
        }
        return before != 0 ? REF_EXIST : HashTable.EXIST;
    }

    /** set_cleanup_entries: expired members leave the list. */
    private void cleanup(long now) {
        for (int i = members.size() - 1; i >= 0; i--) {
            if (expired(members.get(i), now)) {
                removeAt(i);
            }
        }
    }

    @Override
    void collect(long time) {
        cleanup(time);
    }

    @Override
    synchronized void flush(SetStore store) {
        while (!members.isEmpty()) {
            removeAt(members.size() - 1);
        }
        count = 0;
        x.clearComments();
    }

    @Override
    void release(SetStore store) {
        flush(store);
    }

    // ---- listing ---------------------------------------------------------------------------

    @Override
    CreateAttributes header() {
        CreateAttributes h = new CreateAttributes();
        h.size = size;
        return flags(h);
    }

    @Override
    synchronized long memory(long now) {
        return type.baseSize() + (long) members.size() * x.dsize + x.commentBytes();
    }

    @Override
    synchronized int elements(long now) {
        return count;
    }

    @Override
    synchronized void list(List<SetAttributes> out, long now, SetStore store) {
        for (Member m : members) {
            if (expired(m, now)) {
                continue;
            }
            SetAttributes a = new SetAttributes();
            a.name = m.slot.name();
            x.fill(m.id, a, now);
            out.add(a);
        }
    }

    @Override
    boolean sameAs(IpSetData other) {
        return other instanceof ListSet o && o.size == size && o.defaultTimeout == defaultTimeout && o.x.sameAs(x);
    }

    /** A member of the state file put back at the end of the list, holding its set. */
    synchronized boolean restore(SetAttributes a, long deadline, SetStore store) {
        if (a.name == null) {
            return false;
        }
        SetSlot member = store.hold(a.name);
        if (member == null) {
            return false;
        }
        Member m = new Member(member, newId());
        x.restore(m.id, a, deadline);
        members.add(m);
        count++;
        return true;
    }

    /** Receives the members for the state file. */
    interface StoredEntry {
        void entry(SetAttributes element, long deadline);
    }

    /** Every member (expired ones too) with its deadline, for the state file. */
    synchronized void stored(StoredEntry sink, long now) {
        for (Member m : members) {
            SetAttributes a = new SetAttributes();
            a.name = m.slot.name();
            x.fill(m.id, a, now);
            a.timeout = null;
            sink.entry(a, x.deadline(m.id));
        }
    }
}
