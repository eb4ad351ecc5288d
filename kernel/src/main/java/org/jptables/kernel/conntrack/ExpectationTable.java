package org.jptables.kernel.conntrack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jptables.api.Addresses;
import org.jptables.api.ConntrackHelpers;

/**
 * The expectations conntrack helpers leave (nf_conntrack_expect): "a connection from this tuple is
 * coming", so that its first packet is RELATED to the connection whose helper expected it (its
 * master) instead of NEW.
 *
 * <p>An expectation is a tuple and a mask: the destination (address, port, protocol) is always
 * exact, the source address and port are exact or any (the FTP data connection's source port is
 * unknown). Like the kernel's it
 * <ul>
 *   <li>is claimed by the first new connection whose original tuple it matches, in its master's
 *       zone, once the master is confirmed; a claimed expectation is gone;</li>
 *   <li>times out after its helper's policy timeout;</li>
 *   <li>counts against its master's {@code max_expected}: one more evicts the master's oldest;</li>
 *   <li>is refused when it clashes with another master's (-EBUSY) or the table holds
 *       {@code nf_conntrack_expect_max} (-EMFILE), and replaces an equal one of the same master;</li>
 *   <li>dies with its master.</li>
 * </ul>
 *
 * <p>Rows of primitive arrays indexed by slot; a sequence number orders them by age. Nothing is
 * allocated on the packet path but the proc listing.
 */
final class ExpectationTable {
    /** __nf_ct_expect_check's answers. */
    static final int OK = 0;
    static final int BUSY = -16;
    static final int TOO_MANY = -24;

    private static final int INITIAL_CAPACITY = 16;

    private final ConntrackTable table;
    private final int max;

    private int capacity;
    private int count;
    private long sequence;
    /** 0 for a free slot, else the order of insertion (larger: newer). */
    private long[] order;
    private int[] src;
    private int[] srcMask;
    private int[] dst;
    private int[] sport;
    private int[] sportMask;
    private int[] dport;
    private int[] protocol;
    private int[] master;
    private int[] zone;
    private long[] expires;
    // ---- for a NAT helper's expectation (nf_nat_follow_master): the port the master's side
    // ---- really expects, and the master's direction the expected connection travels in; -1: none
    private int[] savedPort;
    private int[] natDir;

    /** What the last {@link #claim} found besides the master: whether and how the new connection follows its NAT. */
    int claimedSavedPort;
    int claimedNatDir = -1;
    /** The slot the last successful {@link #expect} filled. */
    private int lastInserted = -1;

    ExpectationTable(ConntrackTable table, int max) {
        this.table = table;
        this.max = max;
        allocate(INITIAL_CAPACITY);
    }

    /** Expectations alive or expired but not yet removed (nf_conntrack_net's expect_count). */
    int count() {
        return count;
    }

    /**
     * nf_ct_expect_related: adds master {@code m}'s expectation of a connection from {@code src}
     * (any address when {@code srcMask} is 0), {@code sport} (any port when {@code sportMask} is 0)
     * to {@code dst}:{@code dport} over {@code proto}, living {@code timeoutSeconds}, at most
     * {@code maxExpected} per master (0: no limit). Returns {@link #OK} or a negative error.
     */
    int expect(int m, int srcAddr, int srcAddrMask, int dstAddr, int srcPort, int srcPortMask, int dstPort,
               int proto, int maxExpected, int timeoutSeconds) {
        return expect(m, srcAddr, srcAddrMask, dstAddr, srcPort, srcPortMask, dstPort, proto, maxExpected,
                timeoutSeconds, 0, -1);
    }

    /**
     * As {@link #expect(int, int, int, int, int, int, int, int, int, int)} for a NAT helper: the
     * connection that claims the expectation follows its master's NAT (nf_nat_follow_master), its
     * source mapped to where the master's {@code natDir} direction goes, its destination to where
     * that direction comes from, port {@code savedPort}.
     */
    int expect(int m, int srcAddr, int srcAddrMask, int dstAddr, int srcPort, int srcPortMask, int dstPort,
               int proto, int maxExpected, int timeoutSeconds, int saved, int dir) {
        int z = table.zones.id[m];
        srcAddr &= srcAddrMask;
        srcPort &= srcPortMask;
        int mine = 0;
        int oldest = -1;
        boolean replaced = false;
        for (int x = 0; x < capacity; x++) {
            if (order[x] == 0) {
                continue;
            }
            if (expires[x] - table.now <= 0) {
                remove(x);
                continue;
            }
            boolean same = dst[x] == dstAddr && dport[x] == dstPort && protocol[x] == proto && zone[x] == z;
            if (same && !replaced && master[x] == m && src[x] == srcAddr && srcMask[x] == srcAddrMask
                    && sport[x] == srcPort && sportMask[x] == srcPortMask) {
                // expect_matches: the same expectation again replaces the old one (and its timer);
                // the kernel stops looking for clashes there
                remove(x);
                replaced = true;
                continue;
            }
            if (same && !replaced && clash(x, srcAddr, srcAddrMask, srcPort, srcPortMask)) {
                return BUSY;
            }
            if (master[x] == m) {
                mine++;
                if (oldest < 0 || order[x] < order[oldest]) {
                    oldest = x;
                }
            }
        }
        if (maxExpected > 0 && mine >= maxExpected) {
            // evict_oldest_expect, then check again
            remove(oldest);
            if (mine - 1 >= maxExpected) {
                return TOO_MANY;
            }
        }
        if (count >= max) {
            return TOO_MANY; // "nf_conntrack: expectation table full"
        }
        int x = freeSlot();
        order[x] = ++sequence;
        src[x] = srcAddr;
        srcMask[x] = srcAddrMask;
        dst[x] = dstAddr;
        sport[x] = srcPort;
        sportMask[x] = srcPortMask;
        dport[x] = dstPort;
        protocol[x] = proto;
        master[x] = m;
        zone[x] = z;
        expires[x] = table.now + timeoutSeconds * ConntrackTable.SECOND;
        savedPort[x] = saved;
        natDir[x] = dir;
        count++;
        lastInserted = x;
        return OK;
    }

    /** expect_clash: the part both masks cover is equal (the destinations are equal already). */
    private boolean clash(int x, int srcAddr, int srcAddrMask, int srcPort, int srcPortMask) {
        int addrMask = srcMask[x] & srcAddrMask;
        int portMask = sportMask[x] & srcPortMask;
        return ((src[x] ^ srcAddr) & addrMask) == 0 && ((sport[x] ^ srcPort) & portMask) == 0;
    }

    /**
     * nf_ct_find_expectation for a new connection's original tuple in zone {@code z}: the newest
     * matching expectation, removed and its master's handle returned; -1 when none matches or the
     * master is not confirmed yet (its first packet has not left: nobody can know of it).
     */
    int claim(int srcAddr, int dstAddr, int srcPort, int dstPort, int proto, int z) {
        if (count == 0) {
            return -1;
        }
        int found = -1;
        for (int x = 0; x < capacity; x++) {
            if (order[x] == 0 || dst[x] != dstAddr || dport[x] != dstPort || protocol[x] != proto
                    || zone[x] != z || ((srcAddr ^ src[x]) & srcMask[x]) != 0
                    || ((srcPort ^ sport[x]) & sportMask[x]) != 0) {
                continue;
            }
            if (expires[x] - table.now <= 0) {
                remove(x);
                continue;
            }
            if (found < 0 || order[x] > order[found]) {
                found = x;
            }
        }
        if (found < 0 || !table.confirmed(master[found])) {
            return -1;
        }
        int m = master[found];
        if (table.expires[m] - table.now <= 0) {
            table.kill(m); // its time is up: it and its expectations are gone
            return -1;
        }
        claimedSavedPort = savedPort[found];
        claimedNatDir = natDir[found];
        remove(found);
        return m;
    }

    /** nf_ct_remove_expectations: every expectation of master {@code m} goes. */
    void removeOf(int m) {
        if (count == 0) {
            return;
        }
        for (int x = 0; x < capacity; x++) {
            if (order[x] != 0 && master[x] == m) {
                remove(x);
            }
        }
    }

    /** nf_ct_unexpect_related of the expectation just added (its helper could not finish the packet). */
    void removeLastAdded() {
        if (lastInserted >= 0 && order[lastInserted] != 0) {
            remove(lastInserted);
        }
        lastInserted = -1;
    }

    private void remove(int x) {
        order[x] = 0;
        count--;
    }

    /**
     * /proc/net/nf_conntrack_expect (exp_seq_show): the seconds left, the tuple, the master's
     * helper; expired expectations are removed on the way. Not on the packet path: it allocates.
     */
    List<String> lines(long nowNanos) {
        table.now = nowNanos;
        List<String> lines = new ArrayList<>();
        for (int x = 0; x < capacity; x++) {
            if (order[x] == 0) {
                continue;
            }
            if (expires[x] - nowNanos <= 0) {
                remove(x);
                continue;
            }
            if (table.confirmed(master[x]) && table.expires[master[x]] - nowNanos <= 0) {
                table.kill(master[x]);
                continue;
            }
            StringBuilder s = new StringBuilder(100);
            s.append((expires[x] - nowNanos) / ConntrackTable.SECOND).append(" l3proto = 2 proto=")
                    .append(protocol[x]).append(" src=").append(Addresses.format(src[x])).append(" dst=")
                    .append(Addresses.format(dst[x])).append(' ');
            if (protocol[x] == TcpTracker.PROTOCOL || protocol[x] == UdpTracker.PROTOCOL) {
                s.append("sport=").append(sport[x]).append(" dport=").append(dport[x]).append(' ');
            }
            s.append(ConntrackHelpers.name(table.helper[master[x]]));
            lines.add(s.toString());
        }
        return lines;
    }

    private int freeSlot() {
        for (int x = 0; x < capacity; x++) {
            if (order[x] == 0) {
                return x;
            }
        }
        int x = capacity;
        allocate(capacity * 2);
        return x;
    }

    private void allocate(int n) {
        capacity = n;
        order = Arrays.copyOf(order == null ? new long[0] : order, n);
        src = grow(src, n);
        srcMask = grow(srcMask, n);
        dst = grow(dst, n);
        sport = grow(sport, n);
        sportMask = grow(sportMask, n);
        dport = grow(dport, n);
        protocol = grow(protocol, n);
        master = grow(master, n);
        zone = grow(zone, n);
        savedPort = grow(savedPort, n);
        natDir = grow(natDir, n);
        expires = expires == null ? new long[n] : Arrays.copyOf(expires, n);
    }

    private static int[] grow(int[] a, int n) {
        return a == null ? new int[n] : Arrays.copyOf(a, n);
    }
}
