package org.jptables.plugins.pkttype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.ListingFormat;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class PkttypeTest {
    private static PkttypeMatch match(String arg, boolean inverted) throws RuleException {
        MatchBuilder b = new PkttypeExtension().newBuilder(TestContext.filterInput());
        b.option("--pkt-type", List.of(arg), inverted);
        return (PkttypeMatch) b.build();
    }

    private static String printed(PkttypeMatch m) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(false, null));
        return sb.toString();
    }

    private static String saved(PkttypeMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static PacketView packet(String dst, int type) {
        return TestPackets.udp("192.0.2.1", 1, dst, 2).view().packetType(type);
    }

    @ParameterizedTest
    @CsvSource({
        "unicast,0,unicast", "host,0,unicast", "Unicast,0,unicast", "broadcast,1,broadcast", "bcast,1,broadcast",
        "BROADCAST,1,broadcast", "multicast,2,multicast", "mcast,2,multicast", "MCAST,2,multicast",
        "otherhost,3,otherhost"
    })
    void names(String word, int type, String shown) throws RuleException {
        PkttypeMatch m = match(word, false);
        assertEquals(type, m.type());
        assertEquals(" PKTTYPE = " + shown, printed(m));
        assertEquals(" --pkt-type " + shown, saved(m));
        PkttypeMatch inverted = match(word, true);
        assertEquals(" PKTTYPE != " + shown, printed(inverted));
        assertEquals(" ! --pkt-type " + shown, saved(inverted));
    }

    @ParameterizedTest
    @CsvSource({"uni", "outgoing", "loopback", "fastroute", "0", "''"})
    void unknownTypes(String word) {
        assertEquals("Bad packet type '" + word + "'",
                assertThrows(RuleException.class, () -> match(word, false)).getMessage());
    }

    @Test
    void matchesThePacketType() throws RuleException {
        assertTrue(match("unicast", false).matches(packet("192.0.2.2", 0)));
        assertFalse(match("unicast", false).matches(packet("192.0.2.2", 1)));
        assertTrue(match("broadcast", false).matches(packet("192.0.2.255", 1)));
        assertTrue(match("multicast", false).matches(packet("224.0.0.1", 2)));
        assertTrue(match("otherhost", false).matches(packet("192.0.2.9", 3)));
        assertFalse(match("otherhost", false).matches(packet("192.0.2.9", 4)));
        assertTrue(match("unicast", true).matches(packet("192.0.2.2", 4)));
        assertFalse(match("unicast", true).matches(packet("192.0.2.2", 0)));
    }

    @Test
    void loopedBackPacketsAreBroadcastOrMulticastByDestination() throws RuleException {
        assertTrue(match("multicast", false).matches(packet("239.1.2.3", 5)));
        assertFalse(match("broadcast", false).matches(packet("239.1.2.3", 5)));
        assertTrue(match("broadcast", false).matches(packet("127.0.0.1", 5)));
        assertFalse(match("unicast", false).matches(packet("127.0.0.1", 5)));
    }

    @Test
    void wholeRules() {
        RuleTester t = RuleTester.filter();
        assertTrue(t.matches("-m pkttype --pkt-type broadcast", packet("192.0.2.255", 1)));
        assertFalse(t.matches("-m pkttype ! --pkt-type broadcast", packet("192.0.2.255", 1)));
        assertEquals("pkttype: option \"--pkt-type\" must be specified", t.error("-m pkttype"));
    }

    @Test
    void placementAndHelp() throws Exception {
        assertEquals(Placement.ANYWHERE, new PkttypeExtension().placement());
        try (InputStream in = PkttypeTest.class.getResourceAsStream("/help-pkttype.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new PkttypeExtension().help());
        }
    }
}
