package org.jptables.plugins.connbytes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Texts are iptables-legacy 1.8.9's; matching follows xt_connbytes' connbytes_mt. */
class ConnbytesTest {
    private final RuleTester filter = RuleTester.filter();

    /** A connection with its counters, as conntrack keeps them (-1 packets: no accounting). */
    private record Counters(long origPackets, long origBytes, long replyPackets, long replyBytes)
            implements ConnectionMarks {
        @Override
        public int connectionMark(int handle) {
            return 0;
        }

        @Override
        public void setConnectionMark(int handle, int mark) {
        }

        @Override
        public long connectionPackets(int handle, int direction) {
            return origPackets < 0 ? -1 : direction == 0 ? origPackets : replyPackets;
        }

        @Override
        public long connectionBytes(int handle, int direction) {
            return origPackets < 0 ? -1 : direction == 0 ? origBytes : replyBytes;
        }
    }

    private static PacketView packet(long origPackets, long origBytes, long replyPackets, long replyBytes) {
        PacketView p = TestPackets.tcp("198.18.0.2", 40000, "198.18.0.1", 22).view();
        return p.connection(new Counters(origPackets, origBytes, replyPackets, replyBytes), 0);
    }

    private static Match build(String range, boolean inverted, String dir, String mode) throws RuleException {
        MatchBuilder b = new ConnbytesExtension().newBuilder(TestContext.filterInput());
        b.option("--connbytes", List.of(range), inverted);
        b.option("--connbytes-dir", List.of(dir), false);
        b.option("--connbytes-mode", List.of(mode), false);
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource(delimiter = '|', value = {
        // range | inverted | dir | mode | orig pkts, bytes | reply pkts, bytes | matches
        "3:5  | false | original | packets | 3 | 120 | 9 | 900 | true",
        "3:5  | false | original | packets | 6 | 240 | 0 | 0   | false",
        "3:5  | false | original | packets | 2 | 80  | 9 | 900 | false",
        "3:5  | true  | original | packets | 2 | 80  | 0 | 0   | true",
        "3:5  | true  | original | packets | 5 | 80  | 0 | 0   | false",
        "3:5  | true  | original | packets | 6 | 80  | 0 | 0   | true",
        "3    | false | reply    | packets | 0 | 0   | 3 | 9   | true",
        "3    | false | reply    | packets | 9 | 0   | 2 | 9   | false",
        "3    | true  | reply    | packets | 9 | 0   | 2 | 9   | true",
        "3    | true  | reply    | packets | 0 | 0   | 3 | 9   | false",
        "10   | false | both     | packets | 5 | 0   | 5 | 0   | true",
        "10   | false | both     | packets | 5 | 0   | 4 | 0   | false",
        "100:200 | false | both  | bytes   | 1 | 60  | 1 | 40  | true",
        "100:200 | false | both  | bytes   | 1 | 60  | 1 | 141 | false",
        "0:50 | false | original | avgpkt  | 3 | 150 | 1 | 1500 | true",  // 150 / 3
        "0:50 | false | both     | avgpkt  | 3 | 150 | 1 | 1500 | false", // 1650 / 4
        "0:50 | false | original | avgpkt  | 3 | 152 | 0 | 0   | true",  // 50.67 rounds down
        "0    | false | reply    | avgpkt  | 3 | 150 | 0 | 0   | true",  // no packets: 0
        "5:5  | true  | original | packets | 5 | 0   | 0 | 0   | true",  // ! of a single value keeps it
    })
    void comparesTheConnectionsCount(String range, boolean inverted, String dir, String mode, long op, long ob,
                                     long rp, long rb, boolean expected) throws RuleException {
        assertEquals(expected, build(range, inverted, dir, mode).matches(packet(op, ob, rp, rb)));
    }

    @Test
    void noConnectionOrNoAccountingNeverMatchesEvenInverted() throws RuleException {
        PacketView untracked = TestPackets.tcp("198.18.0.2", 40000, "198.18.0.1", 22).view();
        PacketView unaccounted = packet(-1, 0, 0, 0);
        for (String dir : new String[] {"original", "reply", "both"}) {
            for (boolean inv : new boolean[] {false, true}) {
                assertFalse(build("0", inv, dir, "packets").matches(untracked));
                assertFalse(build("0", inv, dir, "avgpkt").matches(unaccounted));
            }
        }
    }

    @Test
    void countsAreUnsigned() throws RuleException {
        Match huge = build("18446744073709551615", false, "original", "bytes");
        assertTrue(huge.matches(packet(1, -1, 0, 0)));
        assertFalse(huge.matches(packet(1, Long.MAX_VALUE, 0, 0)));
        assertTrue(build("9223372036854775808:18446744073709551614", false, "original", "bytes")
                .matches(packet(1, Long.MIN_VALUE + 5, 0, 0)));
    }

    @Test
    void rulesAndTheirTexts() throws Exception {
        assertEquals("-A INPUT -m connbytes ! --connbytes 10:100 --connbytes-mode bytes --connbytes-dir both",
                filter.saved("-m connbytes ! --connbytes 10:100 --connbytes-dir both --connbytes-mode bytes"));
        assertTrue(filter.listed("-m connbytes --connbytes 0x10: --connbytes-dir reply --connbytes-mode avgpkt", true)
                .endsWith(" connbytes 16 connbytes mode avgpkt connbytes direction reply"));
        assertEquals("7 should be less than 6",
                filter.error("-m connbytes --connbytes 7:6 --connbytes-dir both --connbytes-mode bytes"));
        assertEquals("connbytes: option \"--connbytes-mode\" must be specified",
                filter.error("-m connbytes --connbytes 1 --connbytes-dir both"));
        try (InputStream in = ConnbytesTest.class.getResourceAsStream("/help-connbytes.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new ConnbytesExtension().help());
        }
    }

    @Test
    void turnsAccountingOnAndKeepsToItsConnection() throws RuleException {
        Match m = build("1", false, "both", "packets");
        assertTrue(m.needsConnectionTracking());
        assertTrue(m.needsConntrackAccounting());
        assertEquals(StateScope.CONNECTION, m.stateScope());
    }

    @Test
    void dropsAConnectionFromItsThirdPacketOn() {
        String rule = "-p tcp -m connbytes --connbytes 3: --connbytes-dir both --connbytes-mode packets -j DROP";
        assertEquals("ACCEPT", filter.verdictName(rule, packet(1, 40, 1, 40)));
        assertEquals("DROP", filter.verdictName(rule, packet(2, 80, 1, 40)));
    }
}
