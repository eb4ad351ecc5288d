package org.jptables.plugins.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
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
class UdpTest {
    private static final ListingFormat NUMERIC = new ListingFormat(true, null);
    private static final ListingFormat NAMED = new ListingFormat(false, SystemNames.fromEtc());

    private static UdpMatch match(String sport, String dport, boolean invert) throws RuleException {
        MatchBuilder b = new UdpExtension().newBuilder(TestContext.filterInput().withProtocol(17));
        if (sport != null) {
            b.option(UdpExtension.SOURCE_PORT, List.of(sport), invert);
        }
        if (dport != null) {
            b.option(UdpExtension.DESTINATION_PORT, List.of(dport), invert);
        }
        return (UdpMatch) b.build();
    }

    private static String printed(UdpMatch m, ListingFormat format) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, format);
        return sb.toString();
    }

    private static String saved(UdpMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static PacketView packet(int sport, int dport) {
        return TestPackets.udp("192.0.2.1", sport, "192.0.2.2", dport).view();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "53|53|domain", "domain|53|domain", "+53|53|domain", "053|53|domain", "' 53'|53|domain", "-0|0|0",
        "''|0|0", "65536|0|0", "65537|1|1", "70000|4464|4464", "2147483647|65535|65535",
        "4294967296|0|0", "9223372036854775808|0|0", "ssh|22|22",
    })
    void singlePorts(String arg, String numeric, String named) throws RuleException {
        UdpMatch m = match(null, arg, false);
        assertEquals(" udp dpt:" + numeric, printed(m, NUMERIC));
        assertEquals(" udp dpt:" + named, printed(m, NAMED));
        assertEquals(" --dport " + numeric, saved(m));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1024:|spts:1024:65535|--sport 1024:65535", ":53|spts:0:53|--sport 0:53", "5:4|spts:5:4|--sport 5:4",
        "' 1: 2'|spts:1:2|--sport 1:2", "67:68|spts:67:68|--sport 67:68",
    })
    void ranges(String arg, String printed, String save) throws RuleException {
        UdpMatch m = match(arg, null, false);
        assertEquals(" udp " + printed, printed(m, NUMERIC));
        assertEquals(" " + save, saved(m));
        UdpMatch inverted = match(arg, null, true);
        assertEquals(" udp " + printed.replace(":", ":!").replaceFirst(":!(.*):!", ":!$1:"),
                printed(inverted, NUMERIC));
        assertEquals(" ! " + save, saved(inverted));
    }

    @Test
    void fullRange() throws RuleException {
        assertEquals(" udp", printed(match(":", null, false), NUMERIC));
        assertEquals("", saved(match(":", null, false)));
        assertEquals(" udp spts:!0:65535 dpts:!0:65535", printed(match(":", ":", true), NUMERIC));
        assertEquals("", saved(match(":", ":", true)));
        assertEquals(" udp spts:bootps:bootpc dpts:snmp:snmp-trap", printed(match("67:68", "161:162", false), NAMED));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo|Port \"foo\" does not resolve to anything.",
        "SSH|Port \"SSH\" does not resolve to anything.",
        "0x35|Port \"0x35\" does not resolve to anything.",
        "-1|Port \"-1\" does not resolve to anything.",
        "4294967295|Port \"4294967295\" does not resolve to anything.",
        "2147483648|Port \"2147483648\" does not resolve to anything.",
        "18446744073709551616|Port \"18446744073709551616\" does not resolve to anything.",
        "'53 '|Port \"53 \" does not resolve to anything.",
        "1:x|Port \"x\" does not resolve to anything.",
        "1:2:3|udp: Too many components for option \"--destination-port\" (max: 2)",
        "1::|udp: Too many components for option \"--destination-port\" (max: 2)",
    })
    void refusals(String arg, String message) {
        assertEquals(message, assertThrows(RuleException.class, () -> match(null, arg, false)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0", "6", "136"})
    void otherProtocolsAreRefusedByTheKernel(int protocol) {
        MatchBuilder b = new UdpExtension().newBuilder(TestContext.filterInput().withProtocol(protocol));
        RuleException e = assertThrows(RuleException.class, b::build);
        assertTrue(e.isKernelRefusal());
        assertEquals("Invalid argument. Run `dmesg' for more information.", e.getMessage());
        TestContext negated = TestContext.filterInput();
        negated.declareProtocol(17, true);
        assertTrue(assertThrows(RuleException.class, () -> new UdpExtension().newBuilder(negated).build())
                .isKernelRefusal());
    }

    @Test
    void ports() throws RuleException {
        UdpMatch m = match("1024:", "53", false);
        assertTrue(m.matches(packet(40000, 53)));
        assertFalse(m.matches(packet(40000, 54)));
        assertFalse(m.matches(packet(53, 53)));
        UdpMatch not = match(null, "53", true);
        assertTrue(not.matches(packet(1, 54)));
        assertFalse(not.matches(packet(1, 53)));
        assertFalse(match(null, "5:4", false).matches(packet(1, 5)));
    }

    @Test
    void fragmentsNeverMatchAndShortHeadersAreDropped() throws RuleException {
        UdpMatch any = match(null, "53", true);
        TestPackets frag = TestPackets.udp("192.0.2.1", 1, "192.0.2.2", 2);
        frag.ipv4().fragmentOffset(1).payloadLength(16);
        PacketView f = frag.view();
        assertFalse(any.matches(f));
        assertFalse(f.hotdropped());
        PacketView whole = TestPackets.udp("192.0.2.1", 1, "192.0.2.2", 2).truncated(28);
        assertTrue(any.matches(whole));
        assertFalse(whole.hotdropped());
        PacketView cut = TestPackets.udp("192.0.2.1", 1, "192.0.2.2", 2).truncated(27);
        assertFalse(any.matches(cut));
        assertTrue(cut.hotdropped());
    }

    @Property
    void numbersKeepTheirLowSixteenBits(@ForAll @LongRange(max = Integer.MAX_VALUE) long n) {
        assertEquals((int) (n & 0xFFFF), org.jptables.api.ResolvedPorts.resolve(Long.toString(n), null));
    }

    @Property
    void numbersNegativeAsAnIntDoNotResolve(@ForAll @LongRange(min = 1L << 31, max = (1L << 32) - 1) long n) {
        assertEquals(-1, org.jptables.api.ResolvedPorts.resolve(Long.toString(n), null));
    }

    @Property
    void rangeMatchesItsPorts(@ForAll @IntRange(max = 65535) int a, @ForAll @IntRange(max = 65535) int b,
                              @ForAll @IntRange(max = 65535) int port, @ForAll boolean not) throws RuleException {
        UdpMatch m = match(null, a + ":" + b, not);
        assertEquals(new PortRange(a, b, not), m.destination());
        assertEquals((port >= a && port <= b) != not, m.matches(packet(7, port)));
    }

    @Property
    void saveThenParseGivesTheSameRange(@ForAll @IntRange(max = 65535) int a, @ForAll @IntRange(max = 65535) int b,
                                        @ForAll boolean not) throws RuleException {
        PortRange r = new PortRange(a, b, not);
        StringBuilder out = new StringBuilder();
        r.save(out, "--dport");
        if (r.isAny()) {
            assertEquals("", out.toString());
            return;
        }
        String text = out.toString();
        assertEquals(r, PortRange.parse(text.substring(text.lastIndexOf(' ') + 1), text.startsWith(" !"),
                UdpExtension.DESTINATION_PORT, null));
    }

    @Test
    void placementAndHelp() throws Exception {
        UdpExtension ext = new UdpExtension();
        assertEquals(Placement.ANYWHERE, ext.placement());
        try (InputStream in = UdpTest.class.getResourceAsStream("/help-udp.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), ext.help());
        }
    }
}
