package org.jptables.plugins.multiport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jptables.api.ListingFormat;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.language.names.SystemNames;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class MultiportTest {
    private static final ListingFormat NUMERIC = new ListingFormat(true, null);
    private static final ListingFormat NAMED = new ListingFormat(false, SystemNames.fromEtc());

    private static MultiportMatch match(int protocol, String option, String ports, boolean inverted)
            throws RuleException {
        MatchBuilder b = new MultiportExtension().newBuilder(TestContext.filterInput().withProtocol(protocol));
        b.option(option, List.of(ports), inverted);
        return (MultiportMatch) b.build();
    }

    private static MultiportMatch dports(String ports) throws RuleException {
        return match(6, MultiportExtension.DESTINATION_PORTS, ports, false);
    }

    private static String printed(MultiportMatch m, ListingFormat format) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, format);
        return sb.toString();
    }

    private static String saved(MultiportMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static PacketView packet(int sport, int dport) {
        return TestPackets.tcp("192.0.2.1", sport, "192.0.2.2", dport).view();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "6|--destination-ports|80,443,8000:8100|false|multiport dports 80,443,8000:8100"
                + "|multiport dports http,https,8000:8100|--dports 80,443,8000:8100",
        "6|--source-ports|22|false|multiport sports 22|multiport sports ssh|--sports 22",
        "6|--destination-ports|80,443|true|multiport dports  !80,443|multiport dports  !http,https|! --dports 80,443",
        "17|--ports|53,1024:65535|false|multiport ports 53,1024:65535|multiport ports domain,1024:65535"
                + "|--ports 53,1024:65535",
        "6|--ports|' 0x50, 22,020'|false|multiport ports 80,22,16|multiport ports http,ssh,16|--ports 80,22,16",
        "132|--destination-ports|80|false|multiport dports 80|multiport dports 80|--dports 80",
        "6|--destination-ports|1,1,1|false|multiport dports 1,1,1|multiport dports tcpmux,tcpmux,tcpmux"
                + "|--dports 1,1,1",
    })
    void printAndSave(int protocol, String option, String ports, boolean inverted, String numeric, String named,
                      String save) throws RuleException {
        MultiportMatch m = match(protocol, option, ports, inverted);
        // CsvSource trims the leading space of each column: it is put back here
        assertEquals(" " + numeric, printed(m, NUMERIC));
        assertEquals(" " + named, printed(m, NAMED));
        assertEquals(" " + save, saved(m));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16|too many ports specified",
        "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,|too many ports specified",
        "1:2,3:4,5:6,7:8,9:10,11:12,13:14,15:16|too many ports specified",
        "1,2,3,4,5,6,7,8,9,10,11,12,13,14,99999:15|too many ports specified",
        "1,2,3,4,5,6,7,8,9,10,11,12,13,14:99999|invalid port/service `99999' specified",
        "100:50|invalid portrange specified",
        "22:22|invalid portrange specified",
        "80,,443|invalid port/service `' specified",
        "1024:|invalid port/service `' specified",
        "1:2:3|invalid port/service `2:3' specified",
        "65536|invalid port/service `65536' specified",
        "-1|invalid port/service `-1' specified",
        "SSH|invalid port/service `SSH' specified",
    })
    void refusals(String ports, String message) {
        assertEquals(message, assertThrows(RuleException.class, () -> dports(ports)).getMessage());
    }

    @Test
    void fifteenPlacesWithRangesCountingTwice() throws RuleException {
        assertEquals(15, dports("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15").ports().count());
        assertEquals(15, dports("1:2,3:4,5:6,7:8,9:10,11:12,13:14,15").ports().count());
        assertEquals(14, dports("1:2,3,4,5,6,7,8,9,10,11,12,13,14").ports().count());
    }

    @Test
    void serviceNamesAreThoseOfTheRuleProtocol() {
        assertEquals("invalid port/service `http' specified", assertThrows(RuleException.class,
                () -> match(132, MultiportExtension.DESTINATION_PORTS, "http", false)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|false|multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'",
        "1|false|multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP",
        "50|false|multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP",
        "6|true|multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP",
        "0|true|multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP",
    })
    void protocolIsCheckedWhenTheOptionIsRead(int protocol, boolean inverted, String message) {
        TestContext ctx = TestContext.filterInput();
        ctx.declareProtocol(protocol, inverted);
        MatchBuilder b = new MultiportExtension().newBuilder(ctx);
        // the protocol is refused before the (bad) port is read
        assertEquals(message, assertThrows(RuleException.class,
                () -> b.option(MultiportExtension.DESTINATION_PORTS, List.of("99999"), false)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--destination-ports|--source-ports|multiport: option \"--source-ports\" cannot be used together with "
                + "\"--destination-ports\".",
        "--ports|--source-ports|multiport: option \"--source-ports\" cannot be used together with \"--ports\".",
        "--source-ports|--ports|multiport: option \"--source-ports\" cannot be used together with \"--ports\".",
        "--destination-ports|--ports|multiport: option \"--destination-ports\" cannot be used together with "
                + "\"--ports\".",
        "--ports|--destination-ports|multiport: option \"--destination-ports\" cannot be used together with "
                + "\"--ports\".",
    })
    void optionsExcludeEachOther(String first, String second, String message) throws RuleException {
        MatchBuilder b = new MultiportExtension().newBuilder(TestContext.filterInput().withProtocol(6));
        b.option(first, List.of("80"), false);
        b.option(second, List.of("80"), false);
        assertEquals(message, assertThrows(RuleException.class, b::build).getMessage());
    }

    @Test
    void anOptionIsNeeded() {
        MatchBuilder b = new MultiportExtension().newBuilder(TestContext.filterInput().withProtocol(6));
        assertEquals("multiport expection an option", assertThrows(RuleException.class, b::build).getMessage());
    }

    @Test
    void directions() throws RuleException {
        MultiportMatch d = dports("80,443,8000:8100");
        assertTrue(d.matches(packet(1, 80)));
        assertTrue(d.matches(packet(1, 8050)));
        assertTrue(d.matches(packet(1, 8100)));
        assertFalse(d.matches(packet(80, 81)));
        MultiportMatch s = match(6, MultiportExtension.SOURCE_PORTS, "1024:65535", true);
        assertTrue(s.matches(packet(1023, 2000)));
        assertFalse(s.matches(packet(1024, 1)));
        MultiportMatch e = match(17, MultiportExtension.PORTS, "53,100:200", false);
        PacketView udp = TestPackets.udp("192.0.2.1", 53, "192.0.2.2", 9999).view();
        assertTrue(e.matches(udp));
        assertTrue(e.matches(packet(9999, 150)));
        assertTrue(e.matches(packet(150, 9999)));
        assertFalse(e.matches(packet(99, 201)));
    }

    @Test
    void fragmentsNeverMatchAndTruncatedPortsAreDropped() throws RuleException {
        MultiportMatch not = match(6, MultiportExtension.PORTS, "1", true);
        TestPackets frag = TestPackets.tcp("192.0.2.1", 7, "192.0.2.2", 9);
        frag.ipv4().fragmentOffset(1).payloadLength(16);
        PacketView f = frag.view();
        assertFalse(not.matches(f));
        assertFalse(f.hotdropped());
        // only the 4 port bytes are needed, not a whole TCP header
        PacketView ports = TestPackets.tcp("192.0.2.1", 7, "192.0.2.2", 9).truncated(24);
        assertTrue(not.matches(ports));
        assertFalse(ports.hotdropped());
        PacketView cut = TestPackets.tcp("192.0.2.1", 7, "192.0.2.2", 9).truncated(23);
        assertFalse(not.matches(cut));
        assertTrue(cut.hotdropped());
    }

    @Property
    void listMatchesExactlyItsPortsAndRanges(@ForAll @Size(min = 1, max = 7) List<@IntRange(max = 65534) Integer> starts,
                                             @ForAll @IntRange(max = 65535) int port) throws RuleException {
        // each item a single port (even index) or a range start..start+1+index (odd index)
        List<String> items = new ArrayList<>();
        boolean expected = false;
        for (int i = 0; i < starts.size(); i++) {
            int a = starts.get(i);
            if (i % 2 == 0) {
                items.add(Integer.toString(a));
                expected |= port == a;
            } else {
                int b = Math.min(65535, a + 1 + i * 100);
                items.add(a + ":" + b);
                expected |= port >= a && port <= b;
            }
        }
        String text = String.join(",", items);
        MultiportMatch m = dports(text);
        assertEquals(expected, m.matches(packet(7, port)));
        assertEquals(" --dports " + text, saved(m));
        MultiportMatch not = match(6, MultiportExtension.DESTINATION_PORTS, text, true);
        assertEquals(!expected, not.matches(packet(7, port)));
    }

    @Property
    void placesAreCounted(@ForAll @IntRange(min = 1, max = 20) int singles, @ForAll @IntRange(max = 10) int ranges) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < ranges; i++) {
            items.add((i * 10) + ":" + (i * 10 + 5));
        }
        for (int i = 0; i < singles; i++) {
            items.add(Integer.toString(1000 + i));
        }
        boolean fits = singles + 2 * ranges <= PortList.MAX;
        if (fits) {
            assertEquals(" --dports " + String.join(",", items), saved(assertDoesNotThrow(items)));
        } else {
            assertEquals("too many ports specified",
                    assertThrows(RuleException.class, () -> dports(String.join(",", items))).getMessage());
        }
    }

    private static MultiportMatch assertDoesNotThrow(List<String> items) {
        try {
            return dports(String.join(",", items));
        } catch (RuleException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void placementRevisionAndHelp() throws Exception {
        MultiportExtension ext = new MultiportExtension();
        assertEquals(Placement.ANYWHERE, ext.placement());
        assertEquals(1, ext.revision());
        try (InputStream in = MultiportTest.class.getResourceAsStream("/help-multiport.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), ext.help());
        }
    }
}
