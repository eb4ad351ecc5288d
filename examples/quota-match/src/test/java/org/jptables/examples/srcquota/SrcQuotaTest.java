package org.jptables.examples.srcquota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jptables.api.Addresses;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

class SrcQuotaTest {
    private final RuleTester filter = RuleTester.filter();

    /** A match from option pairs, built as the kernel builds it. */
    private static SrcQuotaMatch match(boolean inverted, String... words) throws RuleException {
        MatchBuilder b = new SrcQuotaExtension().newBuilder(TestContext.filterInput());
        for (int i = 0; i < words.length; i += 2) {
            b.option(words[i], List.of(words[i + 1]), inverted && words[i].equals("--quota"));
        }
        return (SrcQuotaMatch) b.build();
    }

    /** A TCP packet of 40 bytes (20 of IPv4 header, 20 of TCP header) plus {@code payload}. */
    private static PacketView from(String source, int payload) {
        return TestPackets.tcp(source, 40000, "198.18.0.1", 22).length(payload).view();
    }

    @Test
    void savesAndListsThroughTheKernel() {
        assertEquals("-A INPUT -m srcquota --quota 1000000", filter.saved("-m srcquota --quota 1000000"));
        assertEquals("-A INPUT -m srcquota ! --quota 1000 --max-sources 16",
                filter.saved("-m srcquota --max-sources 0x10 ! --quota 1000"));
        assertTrue(filter.listed("-m srcquota --quota 1000000", true).endsWith(" srcquota: 1000000 bytes per source"),
                filter.listed("-m srcquota --quota 1000000", true));
        assertTrue(filter.listed("-m srcquota ! --quota 5 --max-sources 3", false)
                .endsWith(" srcquota: over 5 bytes per source max-sources 3"));
    }

    @Test
    void refusesInIptablesWords() {
        assertEquals("srcquota: bad value for option \"--quota\", or out of range (1-281474976710655).",
                filter.error("-m srcquota --quota lots"));
        assertEquals("srcquota: bad value for option \"--quota\", or out of range (1-281474976710655).",
                filter.error("-m srcquota --quota 0"));
        assertEquals("srcquota: bad value for option \"--quota\", or out of range (1-281474976710655).",
                filter.error("-m srcquota --quota 281474976710656"));
        assertEquals("srcquota: bad value for option \"--max-sources\", or out of range (1-1048576).",
                filter.error("-m srcquota --quota 10 --max-sources 1048577"));
        // the kernel's own checks, from the option declarations
        assertEquals("srcquota: option \"--quota\" must be specified", filter.error("-m srcquota"));
        assertEquals("srcquota: option \"--max-sources\" cannot be inverted.",
                filter.error("-m srcquota --quota 10 ! --max-sources 3"));
        assertEquals(2, filter.failure("-m srcquota --quota lots").status());
    }

    @Test
    void eachSourceIsCutOffAfterItsQuota() throws RuleException {
        SrcQuotaMatch m = match(false, "--quota", "100");
        assertTrue(m.matches(from("203.0.113.9", 0)));
        assertTrue(m.matches(from("203.0.113.9", 0)));
        assertEquals(80, m.used(Addresses.parse("203.0.113.9")));
        // 20 bytes left: a 40-byte packet is over, and uses the quota up as xt_quota does
        assertFalse(m.matches(from("203.0.113.9", 0)));
        assertEquals(100, m.used(Addresses.parse("203.0.113.9")));
        assertFalse(m.matches(from("203.0.113.9", 0)));
        // another source has a quota of its own
        assertTrue(m.matches(from("203.0.113.10", 60)));
        assertFalse(m.matches(from("203.0.113.10", 1)));
        assertEquals(-1, m.used(Addresses.parse("203.0.113.11")));
    }

    @Test
    void aPacketExactlyUsingTheRestMatches() throws RuleException {
        SrcQuotaMatch m = match(false, "--quota", "80");
        assertTrue(m.matches(from("192.0.2.1", 0)));
        assertTrue(m.matches(from("192.0.2.1", 0)));
        assertFalse(m.matches(from("192.0.2.1", 0)));
    }

    @Test
    void invertedMatchesWhatIsOverTheQuota() throws RuleException {
        SrcQuotaMatch m = match(true, "--quota", "50");
        assertFalse(m.matches(from("192.0.2.1", 0)));
        assertTrue(m.matches(from("192.0.2.1", 0)));
    }

    @Test
    void sourcesBeyondTheTableCountAsOverQuota() throws RuleException {
        SrcQuotaMatch m = match(false, "--quota", "1000", "--max-sources", "2");
        assertTrue(m.matches(from("192.0.2.1", 0)));
        assertTrue(m.matches(from("192.0.2.2", 0)));
        assertFalse(m.matches(from("192.0.2.3", 0)));
        assertTrue(m.matches(from("192.0.2.1", 0)));
        assertEquals(80, m.used(Addresses.parse("192.0.2.1")));
    }

    @Test
    void theAddressZeroIsASourceLikeAnyOther() throws RuleException {
        SrcQuotaMatch m = match(false, "--quota", "40");
        assertTrue(m.matches(from("0.0.0.0", 0)));
        assertFalse(m.matches(from("0.0.0.0", 0)));
        assertTrue(m.matches(from("255.255.255.255", 0)));
    }

    @Test
    void theTableAgreesWithAMapForManyCollidingAddresses() {
        SourceTable table = new SourceTable(5000);
        assertEquals(16384, table.slots());
        Map<Integer, Long> model = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            // 8256 possible addresses for 5000 places: the table fills up, and long probe runs form
            int address = random.nextBoolean() ? 0x0A000000 | random.nextInt(8192) : random.nextInt(64) << 14;
            int slot = table.slot(address);
            if (slot < 0) {
                assertEquals(5000, model.size());
                assertFalse(model.containsKey(address));
                continue;
            }
            long v = table.value(slot) + 1;
            table.set(slot, v);
            model.merge(address, 1L, Long::sum);
        }
        assertEquals(model.size(), table.size());
        model.forEach((address, count) -> assertEquals((long) count, table.get(address), Addresses.format(address)));
    }

    @Test
    void thePerPacketPathAllocatesNothing() throws RuleException {
        SrcQuotaMatch m = match(false, "--quota", "1000000000", "--max-sources", "4096");
        PacketView[] packets = new PacketView[256];
        for (int i = 0; i < packets.length; i++) {
            packets[i] = from("10.0." + (i >> 4) + "." + (i & 15), i);
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        int matched = 0;
        for (int round = 0; round < 3; round++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 200_000; i++) {
                matched += m.matches(packets[i & 255]) ? 1 : 0;
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            if (round > 0) {
                assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 200000 packets");
            }
        }
        assertEquals(600_000, matched);
    }

    @Test
    void theRuleMatchesThroughTheKernelLoop() {
        assertTrue(filter.matches("-m srcquota --quota 40", from("192.0.2.1", 0)));
        assertFalse(filter.matches("-m srcquota --quota 39", from("192.0.2.1", 0)));
        assertTrue(filter.matches("-m srcquota ! --quota 39", from("192.0.2.1", 0)));
    }
}
