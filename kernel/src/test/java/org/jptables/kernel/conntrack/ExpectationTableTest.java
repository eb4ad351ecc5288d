package org.jptables.kernel.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jptables.api.Addresses;
import org.junit.jupiter.api.Test;

/** nf_conntrack_expect's rules on the table alone: replacing, clashing, limits, claiming, dying. */
class ExpectationTableTest {
    private static final int A = Addresses.parse("198.18.0.2");
    private static final int B = Addresses.parse("198.18.1.2");
    private static final int C = Addresses.parse("198.18.1.3");
    private static final int TCP = 6;

    private final ConntrackTable table = new ConntrackTable(100);
    private final ExpectationTable expectations = table.expectations;

    /** A confirmed TCP entry from {@code sport} (a master). */
    private int master(int sport) {
        int e = table.newEntry(A, B, sport, 21, TCP);
        table.replySrc[e] = B;
        table.replyDst[e] = A;
        table.replySport[e] = 21;
        table.replyDport[e] = sport;
        table.refresh(e, 3600);
        table.confirm(e);
        return e;
    }

    private int expect(int m, int src, int dport, int max) {
        return expectations.expect(m, src, -1, A, 0, 0, dport, TCP, max, 300);
    }

    @Test
    void theSameExpectationOfTheSameMasterReplacesTheOld() {
        int m = master(40000);
        assertEquals(ExpectationTable.OK, expect(m, B, 5000, 1));
        assertEquals(ExpectationTable.OK, expect(m, B, 5000, 1));
        assertEquals(1, expectations.count());
    }

    @Test
    void anotherMastersOverlappingExpectationClashes() {
        int m1 = master(40000);
        int m2 = master(40001);
        assertEquals(ExpectationTable.OK, expect(m1, B, 5000, 1));
        assertEquals(ExpectationTable.BUSY, expect(m2, B, 5000, 1), "the same tuple");
        // any source overlaps an exact one: the part both masks cover is equal
        assertEquals(ExpectationTable.BUSY, expectations.expect(m2, 0, 0, A, 0, 0, 5000, TCP, 1, 300));
        assertEquals(ExpectationTable.OK, expect(m2, C, 5000, 1), "another source: no clash");
        assertEquals(ExpectationTable.OK, expect(m2, B, 5001, 1), "another port evicts m2's first (one per master)");
        assertEquals(2, expectations.count());
    }

    @Test
    void theOldestOfAMasterGoesWhenItWouldHaveTooMany() {
        int m = master(40000);
        for (int port = 5000; port < 5003; port++) {
            assertEquals(ExpectationTable.OK, expect(m, B, port, 2));
        }
        assertEquals(2, expectations.count());
        table.now += 1;
        assertEquals(-1, expectations.claim(B, A, 20, 5000, TCP, 0), "5000, the oldest, was evicted");
        assertEquals(m, expectations.claim(B, A, 20, 5001, TCP, 0));
        assertEquals(m, expectations.claim(B, A, 20, 5002, TCP, 0));
        assertEquals(0, expectations.count());
    }

    @Test
    void aFullTableRefuses() {
        int m = master(40000);
        for (int i = 0; i < ConntrackTable.EXPECT_MAX; i++) {
            assertEquals(ExpectationTable.OK, expectations.expect(m, B, -1, A, 0, 0, 1 + i, TCP, 0, 300));
        }
        assertEquals(ExpectationTable.TOO_MANY, expect(m, B, 60000, 0), "nf_conntrack_expect_max");
        expectations.removeOf(m);
        assertEquals(0, expectations.count());
        assertEquals(ExpectationTable.OK, expect(m, B, 60000, 0));
    }

    @Test
    void aClaimMatchesTheMasksTheZoneAndNeedsAConfirmedMaster() {
        int m = master(40000);
        assertEquals(ExpectationTable.OK, expect(m, B, 5000, 1));
        assertEquals(-1, expectations.claim(C, A, 20, 5000, TCP, 0), "another source");
        assertEquals(-1, expectations.claim(B, A, 20, 5000, 17, 0), "another protocol");
        assertEquals(-1, expectations.claim(B, A, 20, 5000, TCP, 3), "another zone");
        assertEquals(m, expectations.claim(B, A, 33333, 5000, TCP, 0), "any source port");

        int unconfirmed = table.newEntry(A, B, 40100, 69, 17);
        assertEquals(ExpectationTable.OK, expectations.expect(unconfirmed, B, -1, A, 0, 0, 40100, 17, 1, 300));
        assertEquals(-1, expectations.claim(B, A, 50000, 40100, 17, 0));
        assertEquals(1, expectations.count(), "kept until its master is confirmed or gone");
        table.release(unconfirmed);
        assertEquals(0, expectations.count(), "nf_ct_destroy removes it with its master");
    }

    @Test
    void expectationsDieWithTheirMasterAndOnTime() {
        int m = master(40000);
        expect(m, B, 5000, 1);
        table.kill(m);
        assertEquals(0, expectations.count());

        int m2 = master(40001);
        expect(m2, B, 5000, 1);
        table.now += 300 * ConntrackTable.SECOND;
        assertEquals(-1, expectations.claim(B, A, 20, 5000, TCP, 0));
        assertEquals(0, expectations.count());
    }
}
