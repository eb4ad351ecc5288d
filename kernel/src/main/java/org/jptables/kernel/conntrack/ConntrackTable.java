package org.jptables.kernel.conntrack;

import java.util.Arrays;

/**
 * The conntrack table: its entries, their timeouts, and what frees them (expiry, early drop).
 *
 * <p>An entry is a row of parallel primitive arrays indexed by its handle, so the packet path
 * allocates nothing. The arrays grow (doubling) up to {@code maxEntries} plus a small slack for
 * unconfirmed and dying entries. Freed handles are reused in FIFO order, so a handle freed while its
 * packet is still in flight is not handed out again before the packet is done.
 *
 * <p>Time is the packets' own: {@link #now} is the current packet's; an entry whose timeout passed
 * is gone (removed when next met, or when room is needed).
 */
final class ConntrackTable {
    static final long SECOND = 1_000_000_000L;
    private static final int SLACK = 64;
    private static final int INITIAL_CAPACITY = 1024;
    /** early_drop looks at so many entries at most, as the kernel looks at a bounded part of its hash. */
    private static final int EARLY_DROP_SCAN = 1024;
    /**
     * nf_conntrack_expect_max of the recording kernel: four per bucket of the expectation hash, which
     * has one bucket per 256 of the conntrack hash's 262144.
     */
    static final int EXPECT_MAX = 4096;

    private final int limit;
    private final int maxCapacity;

    final TupleHash hash = new TupleHash(this);
    final ConntrackZones zones = new ConntrackZones();
    final TcpConnectionState tcp = new TcpConnectionState();
    final ExpectationTable expectations = new ExpectationTable(this, EXPECT_MAX);
    final FtpLines ftp = new FtpLines();
    final SeqAdjust seqadj = new SeqAdjust();
    final SynproxyState synproxy = new SynproxyState();
    final ConntrackAccounting acct = new ConntrackAccounting();
    final ConntrackLabels labels = new ConntrackLabels();

    int capacity;
    // ---- the tuples: original direction, and reply direction (the inverse, until NAT binds) ----
    int[] origSrc;
    int[] origDst;
    int[] origSport;
    int[] origDport;
    int[] replySrc;
    int[] replyDst;
    int[] replySport;
    int[] replyDport;
    /** For ICMP queries the "ports" are the id and (type << 8 | code), as nf_conntrack_tuple keeps them. */
    int[] l4Protocol;
    /** EntryStatus bits. */
    int[] status;
    /** Absolute expiry (nanos) once confirmed; until then the timeout's duration, as the kernel keeps it. */
    long[] expires;
    int[] mark;
    /** The ConntrackInfo of the entry's packet in flight. */
    int[] ctinfo;
    /** UDP's: when a flow that has seen a reply counts as a stream (nf_conn's proto.udp.stream_ts). */
    long[] udpStreamTs;
    // ---- helpers and expectations (nf_conn_help, ct->master) ----
    /** The entry's own helper (a ConntrackHelpers id, 0: none), from the CT template of its first packet. */
    int[] helper;
    /** For an expected entry: its master's helper, which xt_helper looks at; else 0. */
    int[] masterHelper;
    /**
     * The original-direction source address of the entry's master (its own for an entry without
     * one), kept in the entry: the kernel's ct->master reference keeps the master's tuple alive.
     */
    int[] masterSource;
    /** For an expected entry: its master's handle and that handle's generation then; else -1. */
    int[] master;
    int[] masterGeneration;
    /** Expected entries alive that hold a reference on this one (each adds one to its use count). */
    int[] children;
    /** How often the handle was freed: tells a master's later occupant from the master itself. */
    int[] generation;

    private int[] freeRing;
    private int freeHead;
    private int freeCount;
    private int count;

    /** The current packet's time. */
    long now;
    /** No confirmed entry expires before this: until then a sweep would free nothing. */
    private long minExpiry = Long.MAX_VALUE;
    private int evictCursor;

    ConntrackTable(int maxEntries) {
        this.limit = maxEntries == 0 ? Integer.MAX_VALUE - SLACK - 1 : maxEntries;
        this.maxCapacity = limit + SLACK;
        allocate(Math.min(INITIAL_CAPACITY, maxCapacity));
    }

    /** Entries in the table, unconfirmed ones included (nf_conntrack_count), expired ones until removed. */
    int count() {
        return count;
    }

    /** Whether the handle names an entry (possibly dying: its packet is still in flight). */
    boolean valid(int handle) {
        return handle >= 0 && handle < capacity
                && (status[handle] & (EntryStatus.IN_USE | EntryStatus.DYING)) != 0;
    }

    boolean confirmed(int e) {
        return (status[e] & (EntryStatus.IN_USE | EntryStatus.CONFIRMED))
                == (EntryStatus.IN_USE | EntryStatus.CONFIRMED);
    }

    /** As {@link TupleHash#find}, but an expired entry is removed and not found. */
    int lookup(int src, int dst, int sport, int dport, int protocol) {
        int ref = hash.find(src, dst, sport, dport, protocol);
        if (ref >= 0 && expires[ref >> 1] - now <= 0) {
            kill(ref >> 1);
            return -1;
        }
        return ref;
    }

    /**
     * Makes {@code e} an expected connection of master {@code m} (init_conntrack meeting an
     * expectation): EXPECTED, the master's mark, a reference on the master.
     */
    void expectedOf(int e, int m) {
        status[e] |= EntryStatus.EXPECTED;
        master[e] = m;
        masterGeneration[e] = generation[m];
        masterHelper[e] = helper[m];
        masterSource[e] = origSrc[m];
        mark[e] = mark[m];
        children[m]++;
    }

    /** A new, unconfirmed entry for the tuple, or -1 if the table is full and nothing could be evicted. */
    int newEntry(int src, int dst, int sport, int dport, int protocol) {
        if (count >= limit) {
            if (now - minExpiry >= 0) {
                sweepExpired();
            }
            if (count >= limit && !earlyDrop()) {
                return -1;
            }
        }
        if (freeCount == 0 && now - minExpiry >= 0) {
            // before the arrays grow, reclaim the entries whose time is up (the kernel's gc worker does so
            // in the background), so memory follows the live connections, not the length of a capture;
            // if little came free, grow anyway, so that sweeps stay rare (amortised O(1) per entry)
            sweepExpired();
            if (freeCount < capacity / 4 && capacity < maxCapacity) {
                allocate((int) Math.min((long) capacity * 2, maxCapacity));
            }
        }
        if (freeCount == 0) {
            if (capacity >= maxCapacity) {
                return -1;
            }
            allocate((int) Math.min((long) capacity * 2, maxCapacity));
        }
        int e = freeRing[freeHead];
        freeHead = (freeHead + 1) % freeRing.length;
        freeCount--;
        count++;
        status[e] = EntryStatus.IN_USE;
        origSrc[e] = src;
        origDst[e] = dst;
        origSport[e] = sport;
        origDport[e] = dport;
        l4Protocol[e] = protocol;
        expires[e] = 0;
        mark[e] = 0;
        zones.assign(e);
        ctinfo[e] = ConntrackInfo.NEW;
        udpStreamTs[e] = 0;
        helper[e] = 0;
        masterHelper[e] = 0;
        masterSource[e] = src;
        master[e] = -1;
        children[e] = 0;
        tcp.reset(e);
        ftp.reset(e);
        seqadj.reset(e);
        synproxy.reset(e);
        acct.reset(e);
        labels.reset(e);
        return e;
    }

    /**
     * Confirms the entry: both its tuples enter the hash and its timeout starts counting. False, and
     * the entry is released, when another entry was confirmed meanwhile with one of its tuples.
     */
    boolean confirm(int e) {
        if (hash.find(origSrc[e], origDst[e], origSport[e], origDport[e], l4Protocol[e]) >= 0
                || hash.find(replySrc[e], replyDst[e], replySport[e], replyDport[e], l4Protocol[e]) >= 0) {
            release(e);
            return false;
        }
        status[e] |= EntryStatus.CONFIRMED;
        setExpiry(e, now + expires[e]);
        hash.insertOriginal(e);
        hash.insertReply(e);
        return true;
    }

    /** early_drop: evicts a confirmed entry that is not ASSURED. */
    private boolean earlyDrop() {
        int scan = Math.min(capacity, EARLY_DROP_SCAN);
        for (int i = 0; i < scan; i++) {
            int e = evictCursor;
            evictCursor = (evictCursor + 1) % capacity;
            if ((status[e] & (EntryStatus.IN_USE | EntryStatus.CONFIRMED | EntryStatus.ASSURED))
                    == (EntryStatus.IN_USE | EntryStatus.CONFIRMED)) {
                kill(e);
                return true;
            }
        }
        return false;
    }

    /** Removes every confirmed entry whose timeout passed by {@link #now}. */
    void sweepExpired() {
        long min = Long.MAX_VALUE;
        for (int e = 0; e < capacity; e++) {
            if (!confirmed(e)) {
                continue;
            }
            if (expires[e] - now <= 0) {
                kill(e);
            } else if (expires[e] < min) {
                min = expires[e];
            }
        }
        minExpiry = min;
    }

    /** Removes the entry from the table (if confirmed) and frees it; its data stays readable for now. */
    void kill(int e) {
        if ((status[e] & EntryStatus.IN_USE) == 0) {
            return;
        }
        if ((status[e] & EntryStatus.CONFIRMED) != 0) {
            hash.removeOriginal(e);
            hash.removeReply(e);
        }
        status[e] = (status[e] & ~EntryStatus.IN_USE) | EntryStatus.DYING;
        free(e);
    }

    /** Frees an unconfirmed entry. */
    void release(int e) {
        status[e] = 0;
        free(e);
    }

    private void free(int e) {
        // nf_ct_destroy: the entry's expectations go with it (also those of an entry never
        // confirmed: TFTP expects on the first packet), and it lets go of its master
        expectations.removeOf(e);
        int m = master[e];
        if (m >= 0 && generation[m] == masterGeneration[e]) {
            children[m]--;
        }
        master[e] = -1;
        generation[e]++;
        freeRing[(freeHead + freeCount) % freeRing.length] = e;
        freeCount++;
        count--;
    }

    /**
     * nf_ct_refresh_acct: the entry times out {@code seconds} from now (from its confirmation, if
     * not yet confirmed), and the current packet is counted on it.
     */
    void refresh(int e, int seconds) {
        acct.count(e);
        long d = seconds * SECOND;
        if ((status[e] & EntryStatus.CONFIRMED) != 0) {
            setExpiry(e, now + d);
        } else {
            expires[e] = d;
        }
    }

    void setExpiry(int e, long at) {
        expires[e] = at;
        if (at < minExpiry) {
            minExpiry = at;
        }
    }

    /** Sets the reply tuple, keeping the hash right if the entry is in it. */
    void replaceReply(int e, int src, int sport, int dst, int dport) {
        boolean confirmed = (status[e] & EntryStatus.CONFIRMED) != 0 && (status[e] & EntryStatus.IN_USE) != 0;
        if (confirmed) {
            hash.removeReply(e);
        }
        replySrc[e] = src;
        replyDst[e] = dst;
        replySport[e] = sport;
        replyDport[e] = dport;
        if (confirmed) {
            hash.insertReply(e);
        }
    }

    /** The entry's tuple in a direction into {@code out}: source, destination, source port, destination port. */
    void tuple(int e, boolean reply, int[] out) {
        if (reply) {
            out[0] = replySrc[e];
            out[1] = replyDst[e];
            out[2] = replySport[e];
            out[3] = replyDport[e];
        } else {
            out[0] = origSrc[e];
            out[1] = origDst[e];
            out[2] = origSport[e];
            out[3] = origDport[e];
        }
    }

    private void allocate(int newCapacity) {
        int old = capacity;
        origSrc = grow(origSrc, newCapacity);
        origDst = grow(origDst, newCapacity);
        origSport = grow(origSport, newCapacity);
        origDport = grow(origDport, newCapacity);
        replySrc = grow(replySrc, newCapacity);
        replyDst = grow(replyDst, newCapacity);
        replySport = grow(replySport, newCapacity);
        replyDport = grow(replyDport, newCapacity);
        l4Protocol = grow(l4Protocol, newCapacity);
        status = grow(status, newCapacity);
        expires = grow(expires, newCapacity);
        mark = grow(mark, newCapacity);
        ctinfo = grow(ctinfo, newCapacity);
        udpStreamTs = grow(udpStreamTs, newCapacity);
        helper = grow(helper, newCapacity);
        masterHelper = grow(masterHelper, newCapacity);
        masterSource = grow(masterSource, newCapacity);
        master = grow(master, newCapacity);
        masterGeneration = grow(masterGeneration, newCapacity);
        children = grow(children, newCapacity);
        generation = grow(generation, newCapacity);
        zones.grow(newCapacity);
        tcp.grow(newCapacity);
        ftp.grow(newCapacity);
        seqadj.grow(newCapacity);
        synproxy.grow(newCapacity);
        acct.grow(newCapacity);
        labels.grow(newCapacity);
        // the free ring: keep the queued order, then the new handles
        int[] ring = new int[newCapacity];
        for (int i = 0; i < freeCount; i++) {
            ring[i] = freeRing[(freeHead + i) % freeRing.length];
        }
        for (int e = old; e < newCapacity; e++) {
            ring[freeCount++] = e;
        }
        freeRing = ring;
        freeHead = 0;
        capacity = newCapacity;
        hash.rebuild(newCapacity, old);
    }

    private static int[] grow(int[] a, int n) {
        return a == null ? new int[n] : Arrays.copyOf(a, n);
    }

    private static long[] grow(long[] a, int n) {
        return a == null ? new long[n] : Arrays.copyOf(a, n);
    }
}
