package org.jptables.kernel.packet;

/**
 * What the raw table's CT and NOTRACK targets left on a packet for connection tracking (xt_CT's
 * template in skb->_nfct): the zone to look the connection up in and the helper a connection the
 * packet creates gets. The first CT or NOTRACK target a packet meets is the one that counts: once
 * attached (or once the packet carries a connection: the host's own packet back through lo), later
 * ones leave it alone.
 */
public final class ConntrackTemplate {
    private int zoneId;
    private int zoneDirections = 3;
    private int helper;
    private boolean attached;

    /** A packet new to conntrack: no template, zone 0 both ways, no helper. */
    public void clear() {
        attached = false;
        zoneId = 0;
        zoneDirections = 3;
        helper = 0;
    }

    /** The packet already carries a connection: CT and NOTRACK targets leave it alone. */
    public void keep() {
        attached = true;
    }

    /** Attaches a template unless one is there; false when the packet already had one. */
    boolean attach() {
        if (attached) {
            return false;
        }
        attached = true;
        return true;
    }

    void set(int id, int directions, int helperId) {
        zoneId = id;
        zoneDirections = directions;
        helper = helperId;
    }

    void zone(int id, int directions) {
        zoneId = id;
        zoneDirections = directions;
    }

    /** The zone a CT target asked for (0 when none). */
    public int zoneId() {
        return zoneId;
    }

    /** The directions the zone applies to: bit 0 original, bit 1 reply (3 when none was asked). */
    public int zoneDirections() {
        return zoneDirections;
    }

    /** The helper (a ConntrackHelpers id) a CT target asked for the packet's new connection, 0 when none. */
    public int helper() {
        return helper;
    }
}
