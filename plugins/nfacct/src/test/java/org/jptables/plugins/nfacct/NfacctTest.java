package org.jptables.plugins.nfacct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.jptables.api.IpSets;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Names;
import org.jptables.api.NfacctObjects;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.StateScope;
import org.jptables.api.Verdict;
import org.jptables.kernel.nfacct.AcctObject;
import org.jptables.kernel.nfacct.AcctStore;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/**
 * -m nfacct on packets (xt_nfacct.c, nfnetlink_acct.c): every packet counted into the object, the
 * match holding unless a quota is not yet passed. The quota cases follow what the real kernel did
 * with 10 pings of 84 bytes through a "packet 3" object ahead of a plain one: 7 matched, the first 3
 * went on, and both objects counted what they saw (10 and 3 packets, 840 and 252 bytes).
 */
class NfacctTest {
    private static Match nfacct(AcctStore store, String name) throws RuleException {
        var b = new NfacctExtension().newBuilder(withObjects(store));
        b.option("--nfacct-name", List.of(name), false);
        return b.build();
    }

    /** filter INPUT's context, with {@code store}'s accounting objects. */
    private static RuleContext withObjects(AcctStore store) {
        RuleContext base = TestContext.filterInput();
        return new RuleContext() {
            @Override
            public String table() {
                return base.table();
            }

            @Override
            public String chain() {
                return base.chain();
            }

            @Override
            public int protocol() {
                return base.protocol();
            }

            @Override
            public boolean protocolInverted() {
                return base.protocolInverted();
            }

            @Override
            public void declareProtocol(int protocol, boolean inverted) {
                base.declareProtocol(protocol, inverted);
            }

            @Override
            public Names names() {
                return base.names();
            }

            @Override
            public <T> T shared(String key, Supplier<T> factory) {
                return base.shared(key, factory);
            }

            @Override
            public IpSets ipSets() {
                return base.ipSets();
            }

            @Override
            public NfacctObjects nfacctObjects() {
                return store;
            }
        };
    }

    /** A ping-sized packet: 84 bytes in all. */
    private static PacketView ping() {
        PacketView p = TestPackets.udp("10.0.0.1", 1, "10.0.0.2", 2).length(84 - 28).view();
        assertEquals(84, p.totalLength());
        return p;
    }

    @Test
    void countsEveryPacketAndAlwaysMatchesWithoutAQuota() throws Exception {
        AcctStore store = new AcctStore();
        store.add("test");
        Match m = nfacct(store, "test");
        for (int i = 0; i < 3; i++) {
            assertTrue(m.matches(ping()));
        }
        AcctObject o = store.get("test");
        assertEquals(3, o.packets());
        assertEquals(252, o.bytes());
        assertEquals(StateScope.SHARED, m.stateScope());
    }

    @Test
    void aPacketQuotaHoldsOnlyOncePassedAndFlagsWhenReached() throws Exception {
        AcctStore store = new AcctStore();
        store.add("p", AcctObject.QuotaMode.PACKETS, 3, 0, 0, false);
        Match m = nfacct(store, "p");
        assertFalse(m.matches(ping()));
        assertFalse(m.matches(ping()));
        assertFalse(store.get("p").overquota());
        assertFalse(m.matches(ping()), "3 packets reach the quota without passing it");
        assertTrue(store.get("p").overquota(), "reaching it sets the flag");
        int matched = 0;
        for (int i = 0; i < 7; i++) {
            matched += m.matches(ping()) ? 1 : 0;
        }
        assertEquals(7, matched);
        assertEquals(10, store.get("p").packets());
        assertEquals(840, store.get("p").bytes());
    }

    @Test
    void aByteQuotaComparesTheBytes() throws Exception {
        AcctStore store = new AcctStore();
        store.add("b", AcctObject.QuotaMode.BYTES, 168, 0, 0, false);
        Match m = nfacct(store, "b");
        assertFalse(m.matches(ping()));
        assertFalse(m.matches(ping()));
        assertTrue(m.matches(ping()));
    }

    @Test
    void aMissingObjectIsTheKernelsRefusal() {
        RuleException e = assertThrows(RuleException.class, () -> nfacct(new AcctStore(), "wrong"));
        assertTrue(e.isKernelRefusal());
        assertEquals("No chain/target/match by that name.", e.getMessage());
    }

    @Test
    void aRuleHoldsItsObjectAgainstDeletion() throws Exception {
        AcctStore store = new AcctStore();
        store.add("test");
        store.add("free");
        nfacct(store, "test");
        AcctStore.AcctException e = assertThrows(AcctStore.AcctException.class, () -> store.delete("test"));
        assertEquals("Device or resource busy", e.getMessage());
        store.flush();
        assertEquals(List.of("test"), store.objects().stream().map(AcctObject::name).toList());
    }

    @Test
    void longNamesAreCutTo31Characters() throws Exception {
        AcctStore store = new AcctStore();
        store.add("a".repeat(31));
        StringBuilder out = new StringBuilder();
        nfacct(store, "a".repeat(43)).save(out);
        assertEquals(" --nfacct-name  " + "a".repeat(31), out.toString());
    }

    @Test
    void listsAndSavesWithTwoSpacesQuotingAsIptablesSave() throws Exception {
        AcctStore store = new AcctStore();
        store.add("a b");
        Match m = nfacct(store, "a b");
        StringBuilder listed = new StringBuilder();
        m.print(listed, new ListingFormat(false, TestContext.filterInput().names()));
        assertEquals(" nfacct-name  \"a b\"", listed.toString());
    }

    @Test
    void countsThroughAWholeRule() throws Exception {
        AcctStore store = new AcctStore();
        store.add("test");
        RuleTester t = RuleTester.filter().with(store);
        assertEquals(Verdict.DROP, t.verdict("-m nfacct --nfacct-name test -j DROP", ping()));
        assertEquals(1, store.get("test").packets());
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = NfacctTest.class.getResourceAsStream("/help-nfacct.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new NfacctExtension().help());
        }
    }
}
