package org.jptables.plugins.connlabel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.StateScope;
import org.jptables.kernel.packet.ConnectionMarks;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** Matching follows xt_connlabel's connlabel_mt; texts are iptables-legacy 1.8.9's. */
class ConnlabelTest {
    private final RuleTester filter = RuleTester.filter();

    /** A connection's labels, or none (-1) as for one made before any rule used labels. */
    private static final class Labels implements ConnectionMarks {
        final boolean present;
        long low;
        long high;

        Labels(boolean present) {
            this.present = present;
        }

        @Override
        public int connectionMark(int handle) {
            return 0;
        }

        @Override
        public void setConnectionMark(int handle, int mark) {
        }

        @Override
        public int connectionLabel(int handle, int bit) {
            if (!present) {
                return -1;
            }
            long word = bit < 64 ? low : high;
            return (int) (word >>> (bit & 63) & 1);
        }

        @Override
        public boolean setConnectionLabel(int handle, int bit) {
            if (!present) {
                return false;
            }
            if (bit < 64) {
                low |= 1L << bit;
            } else {
                high |= 1L << (bit & 63);
            }
            return true;
        }
    }

    private static PacketView packet(Labels labels) {
        return TestPackets.tcp("198.18.0.2", 40000, "198.18.1.2", 80).view().connection(labels, 0);
    }

    @Test
    void testsAndSetsTheConnectionsBit() {
        Labels labels = new Labels(true);
        PacketView p = packet(labels);
        assertFalse(new ConnlabelMatch(100, false, false, null).matches(p));
        assertTrue(new ConnlabelMatch(100, true, false, null).matches(p));
        assertTrue(new ConnlabelMatch(100, false, true, null).matches(p), "--set: set, then it holds");
        assertEquals(1L << 36, labels.high);
        assertTrue(new ConnlabelMatch(100, false, false, null).matches(p));
        assertFalse(new ConnlabelMatch(100, true, false, null).matches(p));
        // ! --label N --set: a clear bit is set and the match fails, as connlabel_mt returns !invert
        assertFalse(new ConnlabelMatch(3, true, true, null).matches(p));
        assertEquals(1L << 3, labels.low);
    }

    @Test
    void withoutLabelsOnlyTheInversionHoldsAndNothingIsSet() {
        Labels none = new Labels(false);
        assertFalse(new ConnlabelMatch(1, false, true, null).matches(packet(none)));
        assertTrue(new ConnlabelMatch(1, true, true, null).matches(packet(none)));
        PacketView untracked = TestPackets.udp("198.18.0.2", 1, "198.18.1.2", 2).view();
        assertFalse(new ConnlabelMatch(1, false, false, null).matches(untracked));
        assertTrue(new ConnlabelMatch(1, true, false, null).matches(untracked));
    }

    @Test
    void aRuleSeesWhatAnEarlierRuleOfTheSamePacketSet() {
        Labels labels = new Labels(true);
        assertEquals("DROP", filter.verdictName("-m connlabel --label 7 --set -j DROP", packet(labels)));
        assertEquals("DROP", filter.verdictName("-m connlabel --label 7 -j DROP", packet(labels)));
        assertEquals("ACCEPT", filter.verdictName("-m connlabel --label 8 -j DROP", packet(labels)));
    }

    @Test
    void aNameWithoutTheMapWarnsAsLibxtConnlabelBeforeTheRefusal() {
        // the host running the tests has no /etc/xtables/connlabel.conf, as the recording one
        var failure = filter.failure("-m connlabel --label web");
        assertEquals(2, failure.status());
        assertEquals("label 'web' not found or invalid value", failure.message().strip());
        assertEquals("label 'web' not found or invalid value", filter.error("-m connlabel --label web"));
    }

    @Test
    void declarations() throws Exception {
        ConnlabelMatch m = new ConnlabelMatch(1, false, true, null);
        assertTrue(m.needsConnectionTracking());
        assertTrue(m.needsConntrackLabels());
        assertEquals(StateScope.CONNECTION, m.stateScope());
        try (InputStream in = ConnlabelTest.class.getResourceAsStream("/help-connlabel.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new ConnlabelExtension().help());
        }
    }
}
