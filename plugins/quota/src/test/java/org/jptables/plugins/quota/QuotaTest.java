package org.jptables.plugins.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** -m quota on packets (xt_quota.c's quota_mt): bytes spent while they last, then nothing. */
class QuotaTest {
    private static Match quota(String bytes, boolean inverted) throws RuleException {
        var b = new QuotaExtension().newBuilder(TestContext.filterInput());
        b.option("--quota", List.of(bytes), inverted);
        return b.build();
    }

    /** A UDP packet of {@code total} bytes in all. */
    private static PacketView packet(int total) {
        PacketView p = TestPackets.udp("10.0.0.1", 1, "10.0.0.2", 2).length(total - 28).view();
        assertEquals(total, p.totalLength());
        return p;
    }

    @Test
    void spendsTheQuotaThenStopsForGood() throws RuleException {
        Match m = quota("250", false);
        assertTrue(m.matches(packet(100)));
        assertTrue(m.matches(packet(100)));
        // 50 bytes left: a 100-byte packet empties the quota
        assertFalse(m.matches(packet(100)));
        assertFalse(m.matches(packet(30)), "not even a small packet after that");
    }

    @Test
    void exactlyTheQuotaStillMatches() throws RuleException {
        Match m = quota("200", false);
        assertTrue(m.matches(packet(200)));
        assertFalse(m.matches(packet(28)));
    }

    @Test
    void invertedMatchesOnceSpent() throws RuleException {
        Match m = quota("100", true);
        assertFalse(m.matches(packet(100)));
        assertTrue(m.matches(packet(28)));
        Match zero = quota("0", false);
        assertFalse(zero.matches(packet(28)));
    }

    @Test
    void theWholeUnsignedRange() throws RuleException {
        Match m = quota("18446744073709551615", false);
        for (int i = 0; i < 1000; i++) {
            assertTrue(m.matches(packet(1500)));
        }
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        assertEquals(" --quota 18446744073709551615", sb.toString());
    }

    @Test
    void perPacketPathDoesNotAllocate() throws RuleException {
        Match m = quota("18446744073709551615", false);
        PacketView p = packet(100);
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            m.matches(p);
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            m.matches(p);
        }
        assertTrue(bean.getCurrentThreadAllocatedBytes() - before < 65536);
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = QuotaTest.class.getResourceAsStream("/help-quota.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new QuotaExtension().help());
        }
    }
}
