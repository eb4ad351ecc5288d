package org.jptables.plugins.recent;

import org.jptables.api.Addresses;
import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * One rule's use of a recent list, evaluated as xt_recent's recent_mt: look the (masked) address
 * up, then set, remove, or count its stamps within the time window; {@code !} flips the answer,
 * and an update follows the flipped answer, as in the kernel.
 */
final class RecentMatch implements Match {
    static final int SET = 0;
    static final int CHECK = 1;
    static final int UPDATE = 2;
    static final int REMOVE = 3;
    private static final String[] SHOWN = {" SET", " CHECK", " UPDATE", " REMOVE"};
    private static final String[] SAVED = {" --set", " --rcheck", " --update", " --remove"};
    /** Jiffies at the reference kernel's HZ=250. */
    static final long HZ = 250;
    private static final long NANOS_PER_JIFFY = 1_000_000_000L / HZ;

    private final RecentTable table;
    private final int operation;
    private final boolean inverted;
    private final long seconds;
    /** seconds * HZ as the kernel multiplies it: in 32 bits. */
    private final long window;
    private final boolean reap;
    private final long hitCount;
    private final boolean rttl;
    private final String name;
    private final boolean destination;
    private final int mask;

    RecentMatch(RecentTable table, int operation, boolean inverted, long seconds, boolean reap, long hitCount,
                boolean rttl, String name, boolean destination, int mask) {
        this.table = table;
        this.operation = operation;
        this.inverted = inverted;
        this.seconds = seconds;
        this.window = (seconds * HZ) & 0xFFFFFFFFL;
        this.reap = reap;
        this.hitCount = hitCount;
        this.rttl = rttl;
        this.name = name;
        this.destination = destination;
        this.mask = mask;
    }

    @Override
    public boolean matches(Packet packet) {
        int address = destination ? packet.destination() : packet.source();
        int ttl = packet.ttl();
        // The TTL as seen before forwarding: a forwarded packet's TTL was already decremented.
        if ((packet.hook() == Hook.FORWARD || packet.hook() == Hook.POSTROUTING) && !packet.inInterface().isEmpty()) {
            ttl = (ttl + 1) & 0xFF;
        }
        long now = Math.floorDiv(packet.timeNanos(), NANOS_PER_JIFFY);
        boolean ret = inverted;
        synchronized (table) {
            int key = address & table.mask;
            int e = table.lookup(key, rttl ? ttl : 0);
            if (e < 0) {
                if (operation != SET) {
                    return ret;
                }
                table.insert(key, ttl, now);
                return !ret;
            }
            if (operation == SET) {
                ret = !ret;
            } else if (operation == REMOVE) {
                table.remove(e);
                return !ret;
            } else {
                long since = now - window;
                if (table.seen(e, seconds != 0, since, hitCount)) {
                    ret = !ret;
                }
                if (reap) {
                    table.reap(since, e, operation == UPDATE && ret);
                }
            }
            if (operation == SET || (operation == UPDATE && ret)) {
                table.update(e, ttl, now);
            }
        }
        return ret;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        if (inverted) {
            out.append(" !");
        }
        out.append(" recent:").append(SHOWN[operation]);
        if (seconds != 0) {
            out.append(" seconds: ").append(seconds);
        }
        if (reap) {
            out.append(" reap");
        }
        if (hitCount != 0) {
            out.append(" hit_count: ").append(hitCount);
        }
        if (rttl) {
            out.append(" TTL-Match");
        }
        out.append(" name: ").append(name).append(destination ? " side: dest" : " side: source");
        out.append(" mask: ").append(Addresses.format(mask));
    }

    @Override
    public void save(StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        out.append(SAVED[operation]);
        if (seconds != 0) {
            out.append(" --seconds ").append(seconds);
        }
        if (reap) {
            out.append(" --reap");
        }
        if (hitCount != 0) {
            out.append(" --hitcount ").append(hitCount);
        }
        if (rttl) {
            out.append(" --rttl");
        }
        out.append(" --name ").append(name).append(" --mask ").append(Addresses.format(mask));
        out.append(destination ? " --rdest" : " --rsource");
    }

    /** Address lists that any connection's packets add to and are tested against. */
    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
