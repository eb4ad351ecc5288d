package org.jptables.live.engine;

/**
 * Rewrites a forwarded packet owes at POSTROUTING. Live, jptables decides a forwarded packet whole
 * at PREROUTING, but the kernel must route it with only PREROUTING's changes (a source rewritten
 * there to one of the host's addresses would be dropped as martian), so the changes made after
 * routing (SNAT, MASQUERADE, the un-DNAT of replies, FORWARD's mangle targets) wait here until the
 * packet comes back through the POSTROUTING queue. A packet is known again by the fields neither
 * routing nor forwarding change: addresses, protocol, IP id and fragment field, and its first eight
 * transport bytes (ports and sequence, or ICMP's id and sequence). Fixed capacity, allocation-free
 * once the slots have grown to the packets' size; an entry not claimed within a second (the kernel
 * dropped the packet after routing) is free again.
 */
final class PendingRewrites {
    static final long EXPIRY_NANOS = 1_000_000_000L;
    private static final int SLOTS = 4096;

    private final long[] keyHigh = new long[SLOTS];
    private final long[] keyLow = new long[SLOTS];
    private final int[] keyExtra = new int[SLOTS];
    private final long[] stored = new long[SLOTS];
    private final boolean[] used = new boolean[SLOTS];
    private final byte[][] bytes = new byte[SLOTS][];
    private final int[] lengths = new int[SLOTS];
    private int size;

    /** Keeps {@code rewritten} for the packet whose bytes after PREROUTING are {@code routed}. */
    void put(byte[] routed, int routedLength, byte[] rewritten, int length, long now) {
        long high = high(routed);
        long low = low(routed);
        int extra = extra(routed, routedLength);
        int slot = find(high, low, extra, now, true);
        if (slot < 0) {
            return; // full of live entries: the packet leaves without its late rewrite, as if the entry expired
        }
        if (!used[slot]) {
            size++;
        }
        used[slot] = true;
        keyHigh[slot] = high;
        keyLow[slot] = low;
        keyExtra[slot] = extra;
        stored[slot] = now;
        if (bytes[slot] == null || bytes[slot].length < length) {
            bytes[slot] = new byte[Math.max(length, 2048)];
        }
        System.arraycopy(rewritten, 0, bytes[slot], 0, length);
        lengths[slot] = length;
    }

    /**
     * Copies the rewrite owed by {@code packet} into {@code into} and returns its length, or -1 when
     * nothing is owed; a claimed entry is gone.
     */
    int take(byte[] packet, int length, byte[] into, long now) {
        if (size == 0) {
            return -1;
        }
        int slot = find(high(packet), low(packet), extra(packet, length), now, false);
        if (slot < 0 || !used[slot]) {
            return -1;
        }
        used[slot] = false;
        size--;
        System.arraycopy(bytes[slot], 0, into, 0, lengths[slot]);
        return lengths[slot];
    }

    int size() {
        return size;
    }

    /** The entry's slot, or for an insert the first free or expired one on its probe; -1 if none. */
    private int find(long high, long low, int extra, long now, boolean insert) {
        int h = (int) (high * 0x9E3779B97F4A7C15L >>> 40) ^ (int) (low * 0xC2B2AE3D27D4EB4FL >>> 40) ^ extra;
        int free = -1;
        for (int probe = 0; probe < 64; probe++) {
            int slot = (h + probe) & (SLOTS - 1);
            boolean live = used[slot] && now - stored[slot] < EXPIRY_NANOS;
            if (used[slot] && !live) {
                used[slot] = false;
                size--;
            }
            if (live && keyHigh[slot] == high && keyLow[slot] == low && keyExtra[slot] == extra) {
                return slot;
            }
            if (!live && free < 0) {
                free = slot;
                if (!insert) {
                    continue;
                }
            }
        }
        return insert ? free : -1;
    }

    /** Source and destination addresses. */
    private static long high(byte[] ip) {
        return (int32(ip, 12) & 0xFFFFFFFFL) << 32 | (int32(ip, 16) & 0xFFFFFFFFL);
    }

    /** IP id, fragment field, protocol; then the first four transport bytes. */
    private static long low(byte[] ip) {
        long head = (int32(ip, 4) & 0xFFFFFFFFL) ^ ((long) (ip[9] & 0xFF) << 56);
        int at = (ip[0] & 0x0F) * 4;
        boolean first = ((ip[6] & 0x1F) | ip[7]) == 0;
        return first && at + 4 <= ip.length ? head ^ ((long) int32(ip, at) << 24) : head;
    }

    /** Transport bytes 4 to 8 of a first fragment: TCP's sequence, UDP's length and checksum, ICMP's id and sequence. */
    private static int extra(byte[] ip, int length) {
        int at = (ip[0] & 0x0F) * 4;
        boolean first = ((ip[6] & 0x1F) | ip[7]) == 0;
        return first && at + 8 <= length ? int32(ip, at + 4) : 0;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
