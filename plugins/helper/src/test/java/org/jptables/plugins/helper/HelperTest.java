package org.jptables.plugins.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jptables.api.ConnState;
import org.jptables.api.ConntrackHelpers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's; matching follows xt_helper's helper_mt. */
class HelperTest {
    private final RuleTester t = RuleTester.filter();

    private static Match build(String name, boolean inverted) {
        MatchBuilder b = new HelperExtension().newBuilder(TestContext.filterInput());
        try {
            b.option("--helper", List.of(name), inverted);
            return b.build();
        } catch (RuleException e) {
            throw new AssertionError(e);
        }
    }

    /** A packet of a connection whose master has helper {@code masterHelper} (0: no master). */
    private static PacketView packet(int masterHelper) {
        PacketView p = TestPackets.tcp("198.18.1.2", 20, "198.18.0.2", 40001).view();
        p.conntrack(masterHelper == 0 ? ConnState.NEW : ConnState.RELATED,
                masterHelper == 0 ? 0 : ConnState.STATUS_EXPECTED, 6, 0, 0, 0, 0);
        return p.ctMasterHelper(masterHelper);
    }

    @Test
    void helpIsIptables() {
        assertEquals("helper match options:\n[!] --helper string        Match helper identified by string\n",
                new HelperExtension().help());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // name | master's helper | matches
        "ftp     | 1 | true",
        "ftp-21  | 1 | true",  // only the helper name's length is compared
        "ftpx    | 1 | true",
        "ft      | 1 | false",
        "tftp    | 1 | false",
        "tftp    | 2 | true",
        "ftp     | 2 | false",
        "snmp_trap | 10 | true", // "snmp" is a prefix of it
        "snmp_trap | 11 | true",
        "snmp    | 11 | false",
        "ftp     | 0 | false", // no master: never, whatever the name
    })
    void matchesByTheMastersHelperName(String name, int helper, boolean expected) {
        assertEquals(expected, build(name, false).matches(packet(helper)));
        assertEquals(!expected, build(name, true).matches(packet(helper)), "! inverts, also without a master");
    }

    @Test
    void anEmptyNameMatchesAnyHelperButNoMasterless() {
        for (int id = 1; id < ConntrackHelpers.count(); id++) {
            assertTrue(build("", false).matches(packet(id)), ConntrackHelpers.name(id));
            assertFalse(build("", true).matches(packet(id)));
        }
        assertFalse(build("", false).matches(packet(0)));
        assertTrue(build("", true).matches(packet(0)));
    }

    @Test
    void aPacketWithoutConnectionIsNoHelpersAndMatchesOnlyInverted() {
        PacketView untracked = TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 69).view();
        untracked.untrack();
        assertFalse(build("tftp", false).matches(untracked));
        assertTrue(build("tftp", true).matches(untracked));
    }

    @Test
    void throughTheKernel() {
        assertEquals("-A INPUT -m helper --helper ftp", t.saved("-m helper --helper ftp"));
        assertEquals("-A INPUT -m helper ! --helper \"a b\\\"c\"", t.saved("-m helper ! --helper \"a b\\\"c\""));
        assertTrue(t.listed("-m helper ! --helper ftp", true).endsWith(" helper match ! \"ftp\""));
        assertEquals("-A INPUT -m helper --helper " + "x".repeat(29), t.saved("-m helper --helper " + "x".repeat(40)));
        assertEquals("helper: option \"--helper\" must be specified", t.error("-m helper"));
        assertTrue(new HelperMatch("ftp", false).needsConnectionTracking(), "xt_helper takes nf_ct_netns_get");
    }
}
