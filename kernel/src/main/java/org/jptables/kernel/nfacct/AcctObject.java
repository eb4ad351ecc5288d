package org.jptables.kernel.nfacct;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jptables.api.NfacctObject;
import org.jptables.api.Packet;

/**
 * One accounting object of nfnetlink_acct (struct nf_acct): a packet and a byte counter, 64-bit
 * and unsigned, and optionally a quota on one of them with its "over quota" flag, which is set
 * the first time the counter reaches the quota and cleared only by a reset.
 */
public final class AcctObject implements NfacctObject {
    /** The counter a quota is on, or none. */
    public enum QuotaMode {
        NONE, PACKETS, BYTES
    }

    private final String name;
    private final QuotaMode mode;
    private final long quota;
    private final AtomicLong packets;
    private final AtomicLong bytes;
    private volatile boolean overquota;
    /** The rules that hold the object (the kernel's refcnt less its own reference). */
    private final AtomicInteger users = new AtomicInteger();

    AcctObject(String name, QuotaMode mode, long quota, long packets, long bytes, boolean overquota) {
        this.name = name;
        this.mode = mode;
        this.quota = quota;
        this.packets = new AtomicLong(packets);
        this.bytes = new AtomicLong(bytes);
        this.overquota = overquota && mode != QuotaMode.NONE;
    }

    @Override
    public String name() {
        return name;
    }

    public QuotaMode mode() {
        return mode;
    }

    /** The quota, unsigned; meaningless without one. */
    public long quota() {
        return quota;
    }

    public long packets() {
        return packets.get();
    }

    public long bytes() {
        return bytes.get();
    }

    public boolean overquota() {
        return overquota;
    }

    /** How many rules hold the object. */
    public int users() {
        return users.get();
    }

    void hold() {
        users.incrementAndGet();
    }

    /**
     * The counters as they were, then zeroed (NFNL_MSG_ACCT_GET_CTRZERO), with the over quota
     * flag cleared; the answer carries the flag as it was before.
     */
    public AcctObject readAndReset() {
        boolean wasOver = overquota;
        long p = packets.getAndSet(0);
        long b = bytes.getAndSet(0);
        overquota = false;
        return new AcctObject(name, mode, quota, p, b, wasOver);
    }

    /** nfnl_acct_update then nfnl_acct_overquota, as xt_nfacct's match calls them. */
    @Override
    public boolean account(Packet packet) {
        long p = packets.incrementAndGet();
        long b = bytes.addAndGet(packet.totalLength() & 0xFFFFFFFFL);
        if (mode == QuotaMode.NONE) {
            return true;
        }
        long now = mode == QuotaMode.PACKETS ? p : b;
        if (Long.compareUnsigned(now, quota) >= 0) {
            // the kernel reports the crossing once (NFNL_MSG_ACCT_OVERQUOTA) and keeps the flag
            overquota = true;
        }
        return Long.compareUnsigned(now, quota) > 0;
    }
}
