package org.jptables.kernel.conntrack;

import java.util.Arrays;

/**
 * Conntrack zones (nf_conntrack_zones, CT --zone): an entry belongs to the zone of the template its
 * first packet carried, for one or both directions; a tuple only matches a packet of the same zone in
 * that direction, so equal tuples in different zones are different connections.
 */
final class ConntrackZones {
    static final int ORIGINAL = 1;
    static final int REPLY = 2;
    static final int BOTH = ORIGINAL | REPLY;

    /** Per entry: its zone id and the directions (ORIGINAL, REPLY bits) the id applies to. */
    int[] id = new int[0];
    int[] directions = new int[0];

    /** The zone of the packet being looked up, from its CT template; set once per packet. */
    private int lookupId;
    private int lookupDirections = BOTH;

    void grow(int capacity) {
        id = Arrays.copyOf(id, capacity);
        directions = Arrays.copyOf(directions, capacity);
    }

    void lookingUp(int zoneId, int zoneDirections) {
        lookupId = zoneId;
        lookupDirections = zoneDirections;
    }

    /** The zone id of the packet being looked up (what an expectation's zone is compared with). */
    int lookupId() {
        return lookupId;
    }

    /** A new entry takes the zone of the packet that creates it. */
    void assign(int e) {
        id[e] = lookupId;
        directions[e] = lookupDirections;
    }

    /** nf_ct_zone_equal: a direction the zone does not cover counts as the default zone 0. */
    boolean matchesLookup(int e, int dir) {
        int entryZone = (directions[e] & (1 << dir)) != 0 ? id[e] : 0;
        int packetZone = (lookupDirections & (1 << dir)) != 0 ? lookupId : 0;
        return entryZone == packetZone;
    }
}
