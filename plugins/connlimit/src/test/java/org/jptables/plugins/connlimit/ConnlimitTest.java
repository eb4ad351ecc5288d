package org.jptables.plugins.connlimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jptables.api.Addresses;
import org.jptables.api.ConnState;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.api.StateScope;
import org.jptables.kernel.packet.ConnectionMarks;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** Texts are iptables-legacy 1.8.9's; counting follows nf_conncount as the recording kernel runs it. */
class ConnlimitTest {
    private final RuleTester filter = RuleTester.filter();

    /** What conntrack holds: tuple to 0 (open) or 1 (closed TCP). */
    private static final class Table implements ConnectionMarks {
        final Map<String, Integer> held = new HashMap<>();

        @Override
        public int connectionMark(int handle) {
            return 0;
        }

        @Override
        public void setConnectionMark(int handle, int mark) {
        }

        @Override
        public int lookupTuple(int protocol, int source, int destination, int sourcePort, int destinationPort) {
            return held.getOrDefault(protocol + " " + source + " " + destination + " " + sourcePort + " "
                    + destinationPort, -1);
        }

        void hold(String src, int sport, String dst, int dport, int state) {
            held.put("6 " + Addresses.parse(src) + " " + Addresses.parse(dst) + " " + sport + " " + dport, state);
        }
    }

    private final Table table = new Table();

    /** A TCP packet of the connection src:sport -> dst:dport, travelling in it as given (its ct original tuple). */
    private PacketView packet(String src, int sport, String dst, int dport, boolean reply, int state) {
        PacketView p = reply ? TestPackets.tcp(dst, dport, src, sport).view()
                : TestPackets.tcp(src, sport, dst, dport).view();
        p.conntrack(state, 0, 6, Addresses.parse(src), Addresses.parse(dst), Addresses.parse(dst),
                Addresses.parse(src));
        p.conntrackDetails(reply ? 1 : 0, sport, dport, dport, sport, 0);
        return p.connectionTable(table);
    }

    private static Match build(String... options) throws RuleException {
        MatchBuilder b = new ConnlimitExtension().newBuilder(TestContext.filterInput());
        for (int i = 0; i < options.length; i++) {
            boolean flag = options[i].endsWith("addr");
            b.option(options[i], flag ? List.of() : List.of(options[++i]), false);
        }
        return b.build();
    }

    @Test
    void countsTheConnectionsConntrackStillHoldsAndTheCurrentOne() throws RuleException {
        Match above2 = build("--connlimit-above", "2");
        assertFalse(above2.matches(packet("198.18.0.2", 40001, "198.18.1.2", 80, false, ConnState.NEW)));
        table.hold("198.18.0.2", 40001, "198.18.1.2", 80, 0);
        assertFalse(above2.matches(packet("198.18.0.2", 40002, "198.18.1.2", 80, false, ConnState.NEW)));
        table.hold("198.18.0.2", 40002, "198.18.1.2", 80, 0);
        assertTrue(above2.matches(packet("198.18.0.2", 40003, "198.18.1.2", 80, false, ConnState.NEW)),
                "the third: 3 > 2");
        // the third was dropped and never confirmed: the next walk forgets it
        assertTrue(above2.matches(packet("198.18.0.2", 40004, "198.18.1.2", 80, false, ConnState.NEW)));
        assertEquals(3, ((ConnlimitMatch) above2).tuplesHeld());
        // a closed one (TIME_WAIT, CLOSE) no longer counts once a walk passes it
        table.hold("198.18.0.2", 40001, "198.18.1.2", 80, 1);
        assertFalse(above2.matches(packet("198.18.0.2", 40005, "198.18.1.2", 80, false, ConnState.NEW)));
        assertEquals(2, ((ConnlimitMatch) above2).tuplesHeld());
    }

    @Test
    void aConnectionsLaterPacketsMeetItsTupleAndAddNothing() throws RuleException {
        Match upto1 = build("--connlimit-upto", "1");
        assertTrue(upto1.matches(packet("198.18.0.2", 40001, "198.18.1.2", 80, false, ConnState.NEW)));
        table.hold("198.18.0.2", 40001, "198.18.1.2", 80, 0);
        for (int i = 0; i < 3; i++) {
            assertTrue(upto1.matches(packet("198.18.0.2", 40001, "198.18.1.2", 80, false, ConnState.ESTABLISHED)));
        }
        assertEquals(1, ((ConnlimitMatch) upto1).tuplesHeld());
        // the walk meets the tuple before it asks whether it is closed: the RST's own connection still counts
        table.hold("198.18.0.2", 40001, "198.18.1.2", 80, 1);
        assertTrue(upto1.matches(packet("198.18.0.2", 40001, "198.18.1.2", 80, false, ConnState.ESTABLISHED)));
        assertEquals(1, ((ConnlimitMatch) upto1).tuplesHeld());
    }

    @Test
    void keysAreThePacketsOwnAddressUnderTheMask() throws RuleException {
        Match net = build("--connlimit-above", "1", "--connlimit-mask", "24");
        assertFalse(net.matches(packet("198.18.0.2", 1, "198.18.1.2", 80, false, ConnState.NEW)));
        table.hold("198.18.0.2", 1, "198.18.1.2", 80, 0);
        assertTrue(net.matches(packet("198.18.0.77", 1, "198.18.1.2", 80, false, ConnState.NEW)));
        assertFalse(net.matches(packet("198.18.5.1", 1, "198.18.1.2", 80, false, ConnState.NEW)));
        // a reply's source is the server: its own key, where the connection's original tuple is added
        assertFalse(net.matches(packet("198.18.0.2", 1, "198.18.1.2", 80, true, ConnState.ESTABLISHED)));
        Match byDestination = build("--connlimit-above", "0", "--connlimit-daddr");
        assertTrue(byDestination.matches(packet("198.18.0.2", 1, "198.18.1.2", 80, false, ConnState.NEW)));
    }

    @Test
    void withoutAConnectionTheHeadersGiveTheTupleOrTheVerdictIsDrop() throws RuleException {
        Match m = build("--connlimit-upto", "5");
        PacketView invalid = TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).view();
        invalid.conntrack(ConnState.INVALID, 0, 0, 0, 0, 0, 0);
        invalid.connectionTable(table);
        assertTrue(m.matches(invalid));
        assertFalse(invalid.hotdropped());
        PacketView cut = TestPackets.udp("198.18.0.2", 5000, "198.18.1.2", 53).truncated(22);
        cut.untrack();
        assertFalse(build("--connlimit-above", "0").matches(cut));
        assertTrue(cut.hotdropped(), "nf_ct_get_tuplepr fails: hotdrop");
    }

    @Test
    void listsOfConnectionsThatEndedAreCollectedAsKeysComeAndGo() throws RuleException {
        ConnlimitMatch m = (ConnlimitMatch) build("--connlimit-above", "5");
        for (int i = 0; i < 100_000; i++) {
            String src = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            assertFalse(m.matches(packet(src, 1000, "198.18.1.2", 80, false, ConnState.NEW)));
        }
        // none of them was ever held by conntrack: only those since the last collection stay
        assertTrue(m.tuplesHeld() < 70_000, "held " + m.tuplesHeld());
        table.hold("198.18.0.2", 1, "198.18.1.2", 80, 0);
        assertFalse(m.matches(packet("198.18.0.2", 1, "198.18.1.2", 80, false, ConnState.NEW)));
        assertFalse(m.matches(packet("198.18.0.2", 1, "198.18.1.2", 80, false, ConnState.ESTABLISHED)));
    }

    @Test
    void rulesAndTheirTexts() throws Exception {
        assertEquals("-A INPUT -m connlimit --connlimit-upto 3 --connlimit-mask 24 --connlimit-daddr",
                filter.saved("-m connlimit ! --connlimit-above 3 --connlimit-mask 255.255.255.0 --connlimit-daddr"));
        assertTrue(filter.listed("-m connlimit --connlimit-above 7 --connlimit-mask 0", true)
                .endsWith(" #conn src/0 > 7"));
        assertTrue(filter.listed("-m connlimit --connlimit-above 7 --connlimit-mask 255.0.255.0", true)
                .endsWith(" #conn src/32 > 7"));
        assertEquals("You must specify \"--connlimit-above\" or \"--connlimit-upto\".",
                filter.error("-m connlimit --connlimit-saddr --connlimit-daddr"));
        try (InputStream in = ConnlimitTest.class.getResourceAsStream("/help-connlimit.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new ConnlimitExtension().help());
        }
        Match m = build("--connlimit-above", "1");
        assertEquals(StateScope.SHARED, m.stateScope());
        assertTrue(m.needsConnectionTracking());
    }
}
