package org.jptables.kernel.effects;

/**
 * Linux's limit on the ICMP errors a host sends (icmp_send → icmpv4_xrlim_allow and
 * icmp_global_allow), for REJECT's ICMP answers sent live: per destination a token bucket of
 * net.ipv4.icmp_ratelimit (1000 ms) per error and a burst of six, and for the whole host
 * net.ipv4.icmp_msgs_per_sec (1000) with a burst of icmp_msgs_burst (50). Only the types of
 * net.ipv4.icmp_ratemask's default are limited: destination unreachable, source quench, time
 * exceeded and parameter problem. TCP resets are never limited. Destinations are kept in a small
 * fixed table (the kernel's inet_peer cache): a forgotten one starts with a full burst, as a new
 * inet_peer does.
 */
public final class IcmpRateLimit {
    private static final long PER_PEER_NANOS = 1_000_000_000L;
    private static final long PEER_BURST = 6 * PER_PEER_NANOS;
    private static final long GLOBAL_PER_SECOND = 1000;
    private static final long GLOBAL_BURST = 50;
    private static final int MASK = 0x1818;
    private static final int PEERS = 1024;

    private final int[] peer = new int[PEERS];
    private final long[] tokens = new long[PEERS];
    private final long[] last = new long[PEERS];
    private final boolean[] known = new boolean[PEERS];
    private long globalCredit = GLOBAL_BURST;
    private long globalStamp = Long.MIN_VALUE;
    private long held;

    /**
     * Whether the host may send an ICMP message of {@code type} to {@code destination} now: asked
     * before the message is built, as icmp_send asks before it allocates one.
     */
    public boolean allow(int type, int destination, long now) {
        if (type > 15 || (MASK & (1 << type)) == 0) {
            return true;
        }
        if (!globalAllow(now)) {
            held++;
            return false;
        }
        int slot = (destination * 0x9E3779B1 >>> 22) & (PEERS - 1);
        if (!known[slot] || peer[slot] != destination) {
            known[slot] = true;
            peer[slot] = destination;
            tokens[slot] = PEER_BURST; // inet_getpeer starts a peer 60 s in the past: a full bucket
            last[slot] = now;
        }
        long t = Math.min(PEER_BURST, tokens[slot] + (now - last[slot]));
        last[slot] = now;
        if (t >= PER_PEER_NANOS) {
            tokens[slot] = t - PER_PEER_NANOS;
            return true;
        }
        tokens[slot] = t;
        held++;
        return false;
    }

    /** How many errors the limit held back. */
    public long held() {
        return held;
    }

    private boolean globalAllow(long now) {
        if (globalStamp == Long.MIN_VALUE) {
            globalStamp = now;
        }
        long elapsed = now - globalStamp;
        if (elapsed >= 1_000_000L) { // credit refills by the millisecond, as the kernel's by the jiffy
            long add = elapsed * GLOBAL_PER_SECOND / 1_000_000_000L;
            if (add > 0) {
                globalCredit = Math.min(GLOBAL_BURST, globalCredit + add);
                globalStamp = now;
            }
        }
        if (globalCredit > 0) {
            globalCredit--;
            return true;
        }
        return false;
    }
}
