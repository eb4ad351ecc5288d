package org.jptables.plugins.set;

import org.jptables.api.Hook;
import org.jptables.api.IpSet;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.SetLookup;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * One rule's SET target (xt_SET's set_target_v3): the addition, the deletion, then the mapping,
 * each to its own set; the packet goes on to the next rule whatever happened.
 */
final class SetTarget implements Target {
    private final IpSet add;
    private final SetLookup addLookup;
    private final IpSet del;
    private final SetLookup delLookup;
    private final IpSet map;
    private final SetLookup mapLookup;
    private final boolean exist;
    /** The timeout as given, UINT32_MAX when none was, for the listing. */
    private final long timeout;

    SetTarget(IpSet add, SetLookup addLookup, IpSet del, SetLookup delLookup, IpSet map, SetLookup mapLookup,
              boolean exist, long timeout) {
        this.add = add;
        this.addLookup = addLookup;
        this.del = del;
        this.delLookup = delLookup;
        this.map = map;
        this.mapLookup = mapLookup;
        this.exist = exist;
        this.timeout = timeout;
    }

    @Override
    public int apply(Packet packet) {
        if (add != null) {
            add.add(packet, addLookup);
        }
        if (del != null) {
            del.delete(packet, delLookup);
        }
        if (map != null) {
            map.map(packet, mapLookup);
        }
        return Verdict.CONTINUE;
    }

    @Override
    public boolean allowedAt(String table, Hook hook) {
        // xt_SET's checkentry: the priority and the queue map only where the packet is routed out
        int late = SetLookup.FLAG_MAP_SKBPRIO | SetLookup.FLAG_MAP_SKBQUEUE;
        if (map == null || (mapLookup.flags() & late) == 0) {
            return true;
        }
        return hook == Hook.FORWARD || hook == Hook.OUTPUT || hook == Hook.POSTROUTING;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        describe(out, "");
    }

    @Override
    public void save(StringBuilder out) {
        describe(out, "--");
    }

    /** set_target_print_v3 and set_target_save_v3. */
    private void describe(StringBuilder out, String sep) {
        if (add != null) {
            out.append(' ').append(sep).append("add-set ").append(add.name());
            Directions.print(out, addLookup);
        }
        if (exist) {
            out.append(' ').append(sep).append("exist");
        }
        if (timeout != 0xFFFFFFFFL) {
            out.append(' ').append(sep).append("timeout ").append(timeout);
        }
        if (del != null) {
            out.append(' ').append(sep).append("del-set ").append(del.name());
            Directions.print(out, delLookup);
        }
        if (map != null) {
            out.append(' ').append(sep).append("map-set ").append(map.name());
            Directions.print(out, mapLookup);
            int flags = mapLookup.flags();
            if ((flags & SetLookup.FLAG_MAP_SKBMARK) != 0) {
                out.append(' ').append(sep).append("map-mark");
            }
            if ((flags & SetLookup.FLAG_MAP_SKBPRIO) != 0) {
                out.append(' ').append(sep).append("map-prio");
            }
            if ((flags & SetLookup.FLAG_MAP_SKBQUEUE) != 0) {
                out.append(' ').append(sep).append("map-queue");
            }
        }
    }
}
