package org.jptables.kernel.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IcmpRateLimitTest {
    private static final long SECOND = 1_000_000_000L;
    private static final int UNREACHABLE = 3;
    private static final int PEER = 0xC612_0002;

    @Test
    void aPeerGetsABurstOfSixThenOneASecond() {
        IcmpRateLimit limit = new IcmpRateLimit();
        long now = 5 * SECOND;
        for (int i = 0; i < 6; i++) {
            assertTrue(limit.allow(UNREACHABLE, PEER, now), "error " + i + " of the burst");
        }
        assertFalse(limit.allow(UNREACHABLE, PEER, now));
        assertFalse(limit.allow(UNREACHABLE, PEER, now + SECOND / 2));
        assertTrue(limit.allow(UNREACHABLE, PEER, now + SECOND), "a token a second");
        assertFalse(limit.allow(UNREACHABLE, PEER, now + SECOND + 1));
        assertEquals(3, limit.held());
    }

    @Test
    void typesOutsideTheRatemaskAreNeverHeld() {
        IcmpRateLimit limit = new IcmpRateLimit();
        for (int i = 0; i < 100; i++) {
            assertTrue(limit.allow(0, PEER, SECOND), "echo reply");
            assertTrue(limit.allow(5, PEER, SECOND), "redirect");
            assertTrue(limit.allow(20, PEER, SECOND), "a type beyond the mask");
        }
        assertEquals(0, limit.held());
    }

    @Test
    void theHostAsAWholeSendsFiftyAtOnceThenAThousandASecond() {
        IcmpRateLimit limit = new IcmpRateLimit();
        int allowed = 0;
        for (int peer = 0; peer < 200; peer++) {
            allowed += limit.allow(11, 0x0A00_0000 + peer, SECOND) ? 1 : 0;
        }
        assertEquals(50, allowed, "icmp_msgs_burst");
        allowed = 0;
        for (int peer = 200; peer < 400; peer++) {
            allowed += limit.allow(11, 0x0A00_0000 + peer, SECOND + 10_000_000L) ? 1 : 0;
        }
        assertEquals(10, allowed, "10 ms refill 10 at icmp_msgs_per_sec 1000");
    }
}
