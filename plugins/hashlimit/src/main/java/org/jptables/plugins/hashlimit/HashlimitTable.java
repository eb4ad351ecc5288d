package org.jptables.plugins.hashlimit;

/**
 * One named hash table of xt_hashlimit (struct xt_hashlimit_htable): a rate state per flow key,
 * shared by every rule that gives the same --hashlimit-name, configured by the first of them as
 * the kernel keeps the first rule's hashlimit_cfg3 for the table.
 *
 * <p>The kernel's table is a chained hash with entries allocated per flow; here the entries live
 * in parallel arrays with linear probing, so that a packet allocates nothing. The arrays start
 * small and double when half full, up to the entry limit: that growth is the only allocation, a
 * few times in a table's life. The kernel's garbage collector, a timer every gc_interval ms
 * since the table was made, is run from the packets' own timestamps: before a packet, the
 * latest collection due removes every entry expired by then (an entry a later packet did not
 * touch stays expired, so one pass at the latest tick equals the kernel's several). The clock
 * starts with the table's first packet, as the limit plugin's does.
 */
final class HashlimitTable {
    private static final int FIRST_CAPACITY = 64;
    /** Default bucket count: the kernel's for a host with more than 1 GiB of memory. */
    private static final long DEFAULT_SIZE = 8192;

    final HashlimitConfig cfg;
    private final long maxEntries;
    private final long expireJiffies;
    private final long gcJiffies;
    /** Rate-match constants of rateinfo_init, the same for every entry. */
    private final long rate;
    private final long rateBurst;
    private final long intervalJiffies;
    /** Packet-mode constants: a full bucket and the cost of a packet. */
    private final long fullCredit;
    private final long cost;

    private boolean started;
    private long nextGc;
    private int count;
    private boolean[] used = new boolean[FIRST_CAPACITY];
    private long[] addresses = new long[FIRST_CAPACITY];
    private int[] ports = new int[FIRST_CAPACITY];
    private long[] expires = new long[FIRST_CAPACITY];
    private long[] prev = new long[FIRST_CAPACITY];
    private long[] credit = new long[FIRST_CAPACITY];
    /** credit_cap: a bucket's size, or for byte rates the refills left. */
    private long[] creditCap = new long[FIRST_CAPACITY];
    private long[] currentRate = new long[FIRST_CAPACITY];
    private boolean[] prevWindow = new boolean[FIRST_CAPACITY];

    HashlimitTable(HashlimitConfig cfg) {
        this.cfg = cfg;
        long size = cfg.size() != 0 ? cfg.size() : DEFAULT_SIZE;
        // htable_create: max 0 means 8 entries a bucket, and never fewer entries than buckets
        this.maxEntries = cfg.max() == 0 ? (8 * size) & Rates.U32 : Math.max(cfg.max(), size);
        this.expireJiffies = Credits.msecsToJiffies(cfg.expire());
        this.gcJiffies = Math.max(1, Credits.msecsToJiffies(cfg.gcInterval()));
        if (cfg.has(HashlimitConfig.BYTES)) {
            this.rate = Credits.user2rateBytes(cfg.avg());
            this.rateBurst = cfg.burst() != 0 ? cfg.burst() * rate : rate;
            this.fullCredit = Credits.BYTES_FULL;
            this.cost = Credits.user2creditsByte(cfg.avg());
        } else {
            this.rate = Credits.user2rate(cfg.avg());
            this.rateBurst = cfg.burst() + rate;
            this.fullCredit = Credits.user2credits(cfg.avg() * cfg.burst());
            this.cost = Credits.user2credits(cfg.avg());
        }
        this.intervalJiffies = cfg.interval() * Credits.HZ;
    }

    /** The entry limit the kernel derives from the options. */
    long maxEntries() {
        return maxEntries;
    }

    /** Entries held. */
    synchronized int size() {
        return count;
    }

    /**
     * hashlimit_mt_common for one packet and one rule: finds or makes the key's entry, brings its
     * credits up to {@code now}, and answers whether the packet is within the rate. Returns -1
     * where the kernel drops the packet: the table is full.
     *
     * @param ruleMode the rule's own mode bits: they decide the rate-match, the byte cost and the sense
     * @param length   the packet's length, skb->len
     */
    synchronized int admit(long addressKey, int portKey, long now, int ruleMode, int length) {
        collect(now);
        int at = find(addressKey, portKey);
        if (at < 0) {
            if (count >= maxEntries) {
                return -1;
            }
            at = insert(addressKey, portKey);
            expires[at] = now + expireJiffies;
            init(at, now);
        } else {
            expires[at] = now + expireJiffies;
            recalc(at, now);
        }
        boolean invert = (ruleMode & HashlimitConfig.INVERT) != 0;
        if ((ruleMode & HashlimitConfig.RATE_MATCH) != 0) {
            currentRate[at] += (ruleMode & HashlimitConfig.BYTES) != 0 ? length : 1;
            boolean under = !prevWindow[at] && Long.compareUnsigned(currentRate[at], rateBurst) <= 0;
            return under != invert ? 1 : 0;
        }
        long packetCost = (ruleMode & HashlimitConfig.BYTES) != 0 ? byteCost(at, length) : cost;
        if (Long.compareUnsigned(credit[at], packetCost) >= 0) {
            credit[at] -= packetCost;
            return invert ? 0 : 1;
        }
        return invert ? 1 : 0;
    }

    /** rateinfo_init, from the table's configuration. */
    private void init(int at, long now) {
        prev[at] = now;
        currentRate[at] = 0;
        prevWindow[at] = false;
        credit[at] = fullCredit;
        creditCap[at] = cfg.has(HashlimitConfig.BYTES) ? cfg.burst() : fullCredit;
    }

    /** rateinfo_recalc: credits for the jiffies since the entry's last packet, or a closed rate-match window. */
    private void recalc(int at, long now) {
        long delta = now - prev[at];
        if (delta == 0) {
            return;
        }
        if (cfg.has(HashlimitConfig.RATE_MATCH)) {
            if (Long.compareUnsigned(delta, intervalJiffies) < 0) {
                return;
            }
            prev[at] = now;
            // the kernel compares packets times seconds with jiffies times packets per second
            prevWindow[at] = Long.compareUnsigned(currentRate[at] * intervalJiffies, delta * rate) > 0;
            currentRate[at] = 0;
            return;
        }
        prev[at] = now;
        long cap;
        if (cfg.has(HashlimitConfig.BYTES)) {
            long before = credit[at];
            credit[at] += Credits.PER_JIFFY_BYTES * delta;
            cap = Credits.BYTES_FULL;
            if (Long.compareUnsigned(before, credit[at]) >= 0) {
                credit[at] = cap;
                return;
            }
        } else {
            credit[at] += delta * Credits.PER_JIFFY;
            cap = creditCap[at];
        }
        if (Long.compareUnsigned(credit[at], cap) > 0) {
            credit[at] = cap;
        }
    }

    /** hashlimit_byte_cost: a packet's 16-byte chunks; an empty bucket refills while refills are left. */
    private long byteCost(int at, int length) {
        long chunks = ((length & Rates.U32) >>> Rates.BYTE_SHIFT) + 1;
        long tmp = chunks * cost;
        if (Long.compareUnsigned(tmp, Credits.BYTES_FULL) > 0) {
            tmp = Credits.BYTES_FULL;
        }
        if (Long.compareUnsigned(credit[at], tmp) < 0 && creditCap[at] != 0) {
            creditCap[at]--;
            credit[at] = Credits.BYTES_FULL;
        }
        return tmp & Rates.U32;
    }

    /** The garbage collector's runs due by {@code now}: entries whose expiry has come are removed. */
    private void collect(long now) {
        if (!started) {
            started = true;
            nextGc = now + gcJiffies;
            return;
        }
        if (now < nextGc) {
            return;
        }
        long tick = nextGc + (now - nextGc) / gcJiffies * gcJiffies;
        nextGc = tick + gcJiffies;
        for (int i = 0; i < used.length; i++) {
            // select_gc: time_after_eq(jiffies, expires); a removal may shift a later entry back to i
            while (used[i] && tick >= expires[i]) {
                remove(i);
            }
        }
    }

    private int slot(long addressKey, int portKey) {
        long h = addressKey * 0x9E3779B97F4A7C15L ^ portKey * 0xC2B2AE3D27D4EB4FL;
        return (int) (h ^ (h >>> 29)) & (used.length - 1);
    }

    private int find(long addressKey, int portKey) {
        int mask = used.length - 1;
        for (int i = slot(addressKey, portKey); used[i]; i = (i + 1) & mask) {
            if (addresses[i] == addressKey && ports[i] == portKey) {
                return i;
            }
        }
        return -1;
    }

    private int insert(long addressKey, int portKey) {
        if ((count + 1) * 2 > used.length) {
            grow();
        }
        int mask = used.length - 1;
        int i = slot(addressKey, portKey);
        while (used[i]) {
            i = (i + 1) & mask;
        }
        used[i] = true;
        addresses[i] = addressKey;
        ports[i] = portKey;
        count++;
        return i;
    }

    /** Backward-shift deletion: the entries after {@code at} in its run move up so that lookups still find them. */
    private void remove(int at) {
        int mask = used.length - 1;
        int hole = at;
        int i = (at + 1) & mask;
        while (used[i]) {
            int home = slot(addresses[i], ports[i]);
            // move i into the hole unless its home lies cyclically in (hole, i]
            boolean stays = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!stays) {
                copy(i, hole);
                hole = i;
            }
            i = (i + 1) & mask;
        }
        used[hole] = false;
        count--;
    }

    private void copy(int from, int to) {
        used[to] = true;
        addresses[to] = addresses[from];
        ports[to] = ports[from];
        expires[to] = expires[from];
        prev[to] = prev[from];
        credit[to] = credit[from];
        creditCap[to] = creditCap[from];
        currentRate[to] = currentRate[from];
        prevWindow[to] = prevWindow[from];
    }

    private void grow() {
        boolean[] oldUsed = used;
        long[] oldAddresses = addresses;
        int[] oldPorts = ports;
        long[] oldExpires = expires;
        long[] oldPrev = prev;
        long[] oldCredit = credit;
        long[] oldCap = creditCap;
        long[] oldRate = currentRate;
        boolean[] oldWindow = prevWindow;
        int n = oldUsed.length * 2;
        used = new boolean[n];
        addresses = new long[n];
        ports = new int[n];
        expires = new long[n];
        prev = new long[n];
        credit = new long[n];
        creditCap = new long[n];
        currentRate = new long[n];
        prevWindow = new boolean[n];
        count = 0;
        for (int j = 0; j < oldUsed.length; j++) {
            if (oldUsed[j]) {
                int i = insert(oldAddresses[j], oldPorts[j]);
                expires[i] = oldExpires[j];
                prev[i] = oldPrev[j];
                credit[i] = oldCredit[j];
                creditCap[i] = oldCap[j];
                currentRate[i] = oldRate[j];
                prevWindow[i] = oldWindow[j];
            }
        }
    }
}
