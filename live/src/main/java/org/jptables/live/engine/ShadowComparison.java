package org.jptables.live.engine;

import org.jptables.api.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shadow mode's judge. jptables decides each packet where it enters netfilter (PREROUTING, OUTPUT)
 * and lets it go on untouched; the kernel's own ruleset then decides. A second set of queues late
 * in the kernel's hooks (INPUT and FORWARD after the filter table, POSTROUTING after nat) witnesses
 * what the kernel let through and where to. A packet jptables accepted but no witness saw within
 * {@link #WINDOW_NANOS} was dropped by the kernel; one jptables dropped but a witness saw was
 * accepted. Each disagreement is logged in one line and counted.
 *
 * <p>A packet is known again by what the kernel's NAT leaves alone (IP id, protocol, total length
 * and transport bytes 4 to 8: TCP's sequence, ICMP's id and sequence, UDP's length), so the host's
 * own NAT does not hide it; expectations wait in arrival order, as the kernel passes packets on in
 * order, and a witness looks for its own among the oldest few.
 */
public final class ShadowComparison {
    static final long WINDOW_NANOS = 200_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger("jptables.shadow");
    private static final int CAPACITY = 1 << 16;
    private static final int SEARCH = 512;
    private static final int DROPPED = 0;
    private static final int LOCAL = 1;
    private static final int FORWARDED = 2;
    private static final int SENT = 3;
    private static final String[] FATE = {"DROP", "ACCEPT (local)", "ACCEPT (forwarded)", "ACCEPT (sent)"};

    private final long[] key = new long[CAPACITY];
    private final int[] expected = new int[CAPACITY];
    private final long[] time = new long[CAPACITY];
    private final boolean[] done = new boolean[CAPACITY];
    private final int[] source = new int[CAPACITY];
    private final int[] destination = new int[CAPACITY];
    private final int[] ports = new int[CAPACITY];
    private final byte[] protocol = new byte[CAPACITY];
    private long head;
    private long tail;

    private long compared;
    private long agreed;
    private long jptablesStricter;
    private long kernelStricter;
    private long otherPath;
    private long overflow;

    /** jptables' decision on a packet at its entry hook (PREROUTING or OUTPUT). */
    void decided(int hook, byte[] ip, int length, boolean accepted, boolean left, long now) {
        expire(now);
        if (tail - head == CAPACITY) {
            overflow++;
            head++; // the oldest is forgotten unjudged rather than the newest
        }
        int slot = (int) (tail++ & (CAPACITY - 1));
        key[slot] = key(ip, length);
        expected[slot] = !accepted ? DROPPED : hook == LiveEngine.OUTPUT ? SENT : left ? FORWARDED : LOCAL;
        time[slot] = now;
        done[slot] = false;
        source[slot] = int32(ip, 12);
        destination[slot] = int32(ip, 16);
        protocol[slot] = ip[9];
        int at = (ip[0] & 0x0F) * 4;
        ports[slot] = (ip[9] == 6 || ip[9] == 17) && length >= at + 4 ? int32(ip, at) : 0;
    }

    /** A packet the kernel let through to a late hook: INPUT, FORWARD or POSTROUTING. */
    void witness(int hook, byte[] ip, int length, long now) {
        expire(now);
        long k = key(ip, length);
        long end = Math.min(tail, head + SEARCH);
        for (long i = head; i < end; i++) {
            int slot = (int) (i & (CAPACITY - 1));
            if (done[slot] || key[slot] != k) {
                continue;
            }
            int want = expected[slot];
            // a forwarded packet passes FORWARD then POSTROUTING: POSTROUTING judges only what the host sent
            if (hook == LiveEngine.POSTROUTING && want != SENT && want != DROPPED) {
                continue;
            }
            done[slot] = true;
            int kernel = hook == LiveEngine.INPUT ? LOCAL : hook == LiveEngine.FORWARD ? FORWARDED : SENT;
            judge(slot, kernel);
            return;
        }
    }

    /** Expectations no witness came for: the kernel dropped those packets. */
    private void expire(long now) {
        while (head < tail) {
            int slot = (int) (head & (CAPACITY - 1));
            if (!done[slot]) {
                if (now - time[slot] < WINDOW_NANOS) {
                    return;
                }
                done[slot] = true;
                judge(slot, DROPPED);
            }
            head++;
        }
    }

    private void judge(int slot, int kernel) {
        compared++;
        int want = expected[slot];
        if (want == kernel) {
            agreed++;
            return;
        }
        if (want == DROPPED) {
            jptablesStricter++;
        } else if (kernel == DROPPED) {
            kernelStricter++;
        } else {
            otherPath++;
        }
        LOG.info("shadow: jptables {}, kernel {}: {}", FATE[want], FATE[kernel], describe(slot));
    }

    private String describe(int slot) {
        int proto = protocol[slot] & 0xFF;
        String name = proto == 6 ? "TCP" : proto == 17 ? "UDP" : proto == 1 ? "ICMP" : "PROTO=" + proto;
        String src = Addresses.format(source[slot]);
        String dst = Addresses.format(destination[slot]);
        if (proto == 6 || proto == 17) {
            return name + " " + src + ":" + (ports[slot] >>> 16) + " > " + dst + ":" + (ports[slot] & 0xFFFF);
        }
        return name + " " + src + " > " + dst;
    }

    /** Fields the kernel's NAT and forwarding leave alone. */
    private static long key(byte[] ip, int length) {
        long head = (long) (ip[4] & 0xFF) << 40 | (long) (ip[5] & 0xFF) << 32 | (long) (ip[9] & 0xFF) << 24
                | (ip[2] & 0xFF) << 8 | (ip[3] & 0xFF);
        int at = (ip[0] & 0x0F) * 4;
        boolean first = ((ip[6] & 0x1F) | ip[7]) == 0;
        if (!first || length < at + 8) {
            return head;
        }
        int transport = ip[9] == 17 ? int32(ip, at + 4) >>> 16 : int32(ip, at + 4);
        return head * 0x9E3779B97F4A7C15L ^ transport;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    public long compared() {
        return compared;
    }

    public long agreed() {
        return agreed;
    }

    public long differed() {
        return jptablesStricter + kernelStricter + otherPath;
    }

    String describe() {
        return "shadow: compared " + compared + ", agreed " + agreed + ", jptables dropped what the kernel passed "
                + jptablesStricter + ", jptables passed what the kernel dropped " + kernelStricter
                + ", other path " + otherPath + (overflow > 0 ? ", unjudged (too many in flight) " + overflow : "") + "\n";
    }
}
