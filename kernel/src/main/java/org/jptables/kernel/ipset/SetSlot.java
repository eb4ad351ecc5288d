package org.jptables.kernel.ipset;

import org.jptables.api.IpSet;
import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * One index of the kernel's set list: the handle rules and list:sets hold. The set behind it
 * changes only by {@code swap}; the references counted here belong to the index, as the kernel's
 * swap exchanges the sets' reference counts along with their names.
 */
public final class SetSlot implements IpSet {
    private final int index;
    private volatile IpSetData data;
    private int references;

    SetSlot(int index, IpSetData data) {
        this.index = index;
        this.data = data;
    }

    /** The index in the set list. */
    public int index() {
        return index;
    }

    /** The set behind the index now. */
    public IpSetData data() {
        return data;
    }

    void data(IpSetData set) {
        this.data = set;
    }

    @Override
    public String name() {
        return data.name();
    }

    /** set->ref: the rules and list:sets that hold the index. */
    public synchronized int references() {
        return references;
    }

    /** One more holder (a rule's checkentry, a list:set member). */
    synchronized SetSlot hold() {
        references++;
        return this;
    }

    /** One holder less. */
    synchronized void release() {
        if (references > 0) {
            references--;
        }
    }

    @Override
    public boolean test(Packet packet, SetLookup lookup) {
        return data.test(packet, lookup);
    }

    @Override
    public void add(Packet packet, SetLookup lookup) {
        data.change(packet, lookup, true);
    }

    @Override
    public void delete(Packet packet, SetLookup lookup) {
        data.change(packet, lookup, false);
    }

    @Override
    public boolean map(Packet packet, SetLookup lookup) {
        return data.map(packet, lookup);
    }
}
