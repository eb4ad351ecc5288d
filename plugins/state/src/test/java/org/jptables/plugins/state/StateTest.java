package org.jptables.plugins.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jptables.api.ConnState;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.RuleException;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StateTest {
    private final RuleTester t = RuleTester.filter();

    private static Match build(String arg, boolean inverted) throws RuleException {
        var b = new StateExtension().newBuilder(TestContext.filterInput());
        b.option("--state", List.of(arg), inverted);
        return b.build();
    }

    private static String save(Match m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static String print(Match m) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(true, null));
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NEW,ESTABLISHED,RELATED|' --state NEW,RELATED,ESTABLISHED'",
        "UNTRACKED,ESTABLISHED,INVALID,NEW|' --state INVALID,NEW,ESTABLISHED,UNTRACKED'",
        "new|' --state NEW'",
        "e,r|' --state RELATED,ESTABLISHED'",
        "INV|' --state INVALID'",
        "NEW,NEW|' --state NEW'",
    })
    void savesInIptablesOrder(String arg, String saved) throws RuleException {
        assertEquals(saved, save(build(arg, false)));
    }

    @Test
    void printsAndSavesInversion() throws RuleException {
        Match m = build("INVALID,UNTRACKED,NEW", true);
        assertEquals(" ! --state INVALID,NEW,UNTRACKED", save(m));
        assertEquals(" ! state INVALID,NEW,UNTRACKED", print(m));
        assertEquals(" state NEW,RELATED,ESTABLISHED", print(build("NEW,ESTABLISHED,RELATED", false)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NEW,,|Bad state \",\"",
        "FOO,NEW|Bad state \"FOO,NEW\"",
        "NEW,FOO|Bad state \"FOO\"",
        ",NEW|Bad state \",NEW\"",
        "SNAT|Bad state \"SNAT\"",
        "NEWX|Bad state \"NEWX\"",
        "NEW,|\"--state\" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED",
    })
    void refusesAsIptables(String arg, String message) {
        assertEquals(message, assertThrows(RuleException.class, () -> build(arg, false)).getMessage());
    }

    @Test
    void refusesEmptyList() {
        assertEquals("\"--state\" requires a list of states with no spaces, e.g. ESTABLISHED,RELATED",
                assertThrows(RuleException.class, () -> build("", false)).getMessage());
    }

    @Test
    void throughTheKernel() {
        assertEquals("-A INPUT -m state --state NEW,RELATED,ESTABLISHED",
                t.saved("-m state --state NEW,ESTABLISHED,RELATED"));
        assertTrue(t.listed("-m state ! --state NEW", true).endsWith("! state NEW"), t.listed("-m state ! --state NEW", true));
        assertEquals("state: option \"--state\" can only be used once.", t.error("-m state --state NEW --state RELATED"));
    }

    @Test
    void matchesTheConnectionState() throws RuleException {
        Match m = build("NEW,RELATED", false);
        assertTrue(m.matches(TestPackets.tcp("192.0.2.1", 1000, "198.18.0.1", 22).conntrack(ConnState.NEW, 0).view()));
        assertTrue(m.matches(TestPackets.tcp("192.0.2.1", 1000, "198.18.0.1", 22).conntrack(ConnState.RELATED, 0).view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1000, "198.18.0.1", 22)
                .conntrack(ConnState.ESTABLISHED, ConnState.STATUS_ASSURED).view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1000, "198.18.0.1", 22).conntrack(ConnState.INVALID, 0).view()));
        Match not = build("ESTABLISHED", true);
        assertTrue(not.matches(TestPackets.tcp("192.0.2.1", 1000, "198.18.0.1", 22).conntrack(ConnState.UNTRACKED, 0).view()));
        assertFalse(not.matches(TestPackets.tcp("192.0.2.1", 1000, "198.18.0.1", 22).conntrack(ConnState.ESTABLISHED, 0).view()));
    }

    @Test
    void snatAndDnatBitsDoNotDisturbTheState() throws RuleException {
        Match m = build("ESTABLISHED", false);
        assertTrue(m.matches(TestPackets.udp("192.0.2.1", 53, "198.18.0.1", 5353)
                .conntrack(ConnState.ESTABLISHED | ConnState.DNAT, 0).view()));
    }

    @Test
    void verdictThroughTheKernel() {
        assertTrue(t.matches("-m state --state INVALID",
                TestPackets.tcp("192.0.2.1", 1000, "198.18.0.1", 22).conntrack(ConnState.INVALID, 0).view()));
        assertFalse(t.matches("-m state --state INVALID",
                TestPackets.tcp("192.0.2.1", 1000, "198.18.0.1", 22).conntrack(ConnState.NEW, 0).view()));
    }

    @Test
    void helpIsIptablesText() {
        assertEquals("state match options:\n [!] --state [INVALID|ESTABLISHED|NEW|RELATED|UNTRACKED][,...]\n"
                + "\t\t\t\tState(s) to match\n", new StateExtension().help());
    }
}
