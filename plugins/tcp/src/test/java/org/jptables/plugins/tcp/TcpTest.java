package org.jptables.plugins.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jptables.api.ListingFormat;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.jptables.language.names.SystemNames;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class TcpTest {
    private static final ListingFormat NUMERIC = new ListingFormat(true, null);
    private static final ListingFormat NAMED = new ListingFormat(false, SystemNames.fromEtc());

    /** A match from words: an option, its arguments, "!" before an option inverts it. */
    private static TcpMatch match(String... words) throws RuleException {
        return (TcpMatch) builder(words).build();
    }

    private static MatchBuilder builder(String... words) throws RuleException {
        MatchBuilder b = new TcpExtension().newBuilder(TestContext.filterInput().withProtocol(6));
        boolean not = false;
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.equals("!")) {
                not = true;
                continue;
            }
            String name = switch (w) {
                case "--sport" -> TcpExtension.SOURCE_PORT;
                case "--dport" -> TcpExtension.DESTINATION_PORT;
                default -> w;
            };
            int n = name.equals(TcpExtension.SYN) ? 0 : name.equals(TcpExtension.FLAGS) ? 2 : 1;
            b.option(name, List.of(words).subList(i + 1, i + 1 + n), not);
            i += n;
            not = false;
        }
        return b;
    }

    private static String error(String... words) {
        return assertThrows(RuleException.class, () -> match(words)).getMessage();
    }

    private static String printed(TcpMatch m, ListingFormat format) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, format);
        return sb.toString();
    }

    private static String saved(TcpMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static PacketView packet(int sport, int dport, int flags) {
        return TestPackets.tcp("192.0.2.1", sport, "192.0.2.2", dport).flags(flags).view();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--dport 22|| tcp dpt:22| tcp dpt:ssh| --dport 22",
        "--dport ssh|| tcp dpt:22| tcp dpt:ssh| --dport 22",
        "--dport 0x16|| tcp dpt:22| tcp dpt:ssh| --dport 22",
        "--dport 022|| tcp dpt:18| tcp dpt:18| --dport 18",
        "--dport +22|| tcp dpt:22| tcp dpt:ssh| --dport 22",
        "--sport 1024:|| tcp spts:1024:65535| tcp spts:1024:65535| --sport 1024:65535",
        "--sport :1023|| tcp spts:0:1023| tcp spts:0:1023| --sport 0:1023",
        "--sport 4:4|| tcp spt:4| tcp spt:4| --sport 4",
        "! --dport 22:80|| tcp dpts:!22:80| tcp dpts:!ssh:http| ! --dport 22:80",
        "--sport :|| tcp| tcp|",
        "! --sport :|| tcp spts:!0:65535| tcp spts:!0:65535|",
        "--syn|| tcp flags:0x17/0x02| tcp flags:FIN,SYN,RST,ACK/SYN| --tcp-flags FIN,SYN,RST,ACK SYN",
        "! --syn|| tcp flags:!0x17/0x02| tcp flags:!FIN,SYN,RST,ACK/SYN| ! --tcp-flags FIN,SYN,RST,ACK SYN",
        "--tcp-flags ALL NONE|| tcp flags:0x3F/0x00| tcp flags:FIN,SYN,RST,PSH,ACK,URG/NONE"
                + "| --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE",
        "--tcp-flags syn,,ack, syn|| tcp flags:0x12/0x02| tcp flags:SYN,ACK/SYN| --tcp-flags SYN,ACK SYN",
        "--tcp-flags NONE NONE|| tcp| tcp|",
        "! --tcp-flags NONE NONE|| tcp flags:!0x00/0x00| tcp flags:!NONE/NONE| ! --tcp-flags NONE NONE",
        "--tcp-option 8|| tcp option=8| tcp option=8| --tcp-option 8",
        "! --tcp-option 0x10|| tcp option=!16| tcp option=!16| ! --tcp-option 16",
        "! --sport 22 ! --dport 80 ! --tcp-option 5 ! --tcp-flags SYN,FIN FIN||"
                + " tcp spt:!22 dpt:!80 option=!5 flags:!0x03/0x01| tcp spt:!ssh dpt:!http option=!5 flags:!FIN,SYN/FIN"
                + "| ! --sport 22 ! --dport 80 ! --tcp-option 5 ! --tcp-flags FIN,SYN FIN",
    })
    void printAndSave(String words, String unused, String numeric, String named, String save) throws RuleException {
        TcpMatch m = match(words.split(" "));
        // CsvSource trims the leading space of each column: it is put back here
        assertEquals(" " + numeric, printed(m, NUMERIC));
        assertEquals(" " + named, printed(m, NAMED));
        assertEquals(save == null ? "" : " " + save, saved(m));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--dport 65536|invalid port/service `65536' specified",
        "--dport -1|invalid port/service `-1' specified",
        "--dport 22x|invalid port/service `22x' specified",
        "--dport 08|invalid port/service `08' specified",
        "--dport SSH|invalid port/service `SSH' specified",
        "--dport 1:2:3|invalid port/service `2:3' specified",
        "--dport 1::2|invalid port/service `:2' specified",
        "--sport 4:3|invalid portrange (min > max)",
        "--sport http:ssh|invalid portrange (min > max)",
        "--sport 1 --sport 2|Only one `--source-port' allowed",
        "--dport 1 --dport 99999|Only one `--destination-port' allowed",
        "--syn --syn|Only one of `--syn' or `--tcp-flags'  allowed",
        "--tcp-flags ALL SYN --syn|Only one of `--syn' or `--tcp-flags'  allowed",
        "--syn --tcp-flags FOO BAR|Only one of `--syn' or `--tcp-flags'  allowed",
        "--tcp-flags FOO SYN|Unknown TCP flag `FOO'",
        "--tcp-flags SYN ECE|Unknown TCP flag `ECE'",
        "--tcp-option 0|Bad TCP option \"0\"",
        "--tcp-option 256|Bad TCP option \"256\"",
        "--tcp-option -1|Bad TCP option \"-1\"",
        "--tcp-option abc|Bad TCP option \"abc\"",
        "--tcp-option 2 --tcp-option 3|Only one `--tcp-option' allowed",
    })
    void refusals(String words, String message) {
        assertEquals(message, error(words.split(" ")));
    }

    @Test
    void emptyPortIsRefused() {
        assertEquals("invalid port/service `' specified", error("--dport", ""));
    }

    @ParameterizedTest
    @CsvSource({"0,false", "17,false", "6,true"})
    void onlyTcpRulesAreAccepted(int protocol, boolean accepted) throws RuleException {
        MatchBuilder b = new TcpExtension().newBuilder(TestContext.filterInput().withProtocol(protocol));
        b.option(TcpExtension.DESTINATION_PORT, List.of("22"), false);
        if (accepted) {
            assertEquals(" --dport 22", saved((TcpMatch) b.build()));
        } else {
            RuleException e = assertThrows(RuleException.class, b::build);
            assertTrue(e.isKernelRefusal());
            assertEquals("Invalid argument. Run `dmesg' for more information.", e.getMessage());
        }
    }

    @Test
    void negatedTcpIsRefusedByTheKernel() {
        TestContext ctx = TestContext.filterInput();
        ctx.declareProtocol(6, true);
        RuleException e = assertThrows(RuleException.class, () -> new TcpExtension().newBuilder(ctx).build());
        assertTrue(e.isKernelRefusal());
    }

    @Test
    void portsAndFlags() throws RuleException {
        TcpMatch m = match("--sport", "1024:", "--dport", "22", "--syn");
        assertTrue(m.matches(packet(40000, 22, Ipv4Builder.SYN)));
        assertTrue(m.matches(packet(40000, 22, Ipv4Builder.SYN | Ipv4Builder.PSH | Ipv4Builder.ECE)));
        assertFalse(m.matches(packet(40000, 22, Ipv4Builder.SYN | Ipv4Builder.ACK)));
        assertFalse(m.matches(packet(40000, 23, Ipv4Builder.SYN)));
        assertFalse(m.matches(packet(1023, 22, Ipv4Builder.SYN)));
        TcpMatch notSyn = match("!", "--syn");
        assertTrue(notSyn.matches(packet(1, 2, Ipv4Builder.ACK)));
        assertFalse(notSyn.matches(packet(1, 2, Ipv4Builder.SYN)));
        TcpMatch notPorts = match("!", "--dport", "20:21");
        assertTrue(notPorts.matches(packet(1, 22, 0)));
        assertFalse(notPorts.matches(packet(1, 21, 0)));
        assertFalse(notPorts.matches(packet(1, 20, 0)));
    }

    @Test
    void tcpOptionIsFoundWithinTheHeader() throws RuleException {
        TcpMatch mss = match("--tcp-option", "2");
        TcpMatch timestamp = match("--tcp-option", "8");
        TcpMatch noTimestamp = match("!", "--tcp-option", "8");
        TestPackets withMss = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2);
        withMss.ipv4().mss(1460);
        // NOP, NOP, timestamp (kind 8, length 10)
        TestPackets withTimestamp = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2);
        withTimestamp.ipv4().tcpOptions(new byte[] {1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2});
        // kind 8 only inside the payload, not in the options
        TestPackets inPayload = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2);
        inPayload.ipv4().tcpOptions(new byte[] {3, 3, 8, 1}).payloadLength(16);
        PacketView bare = packet(1, 2, 0);

        assertTrue(mss.matches(withMss.view()));
        assertFalse(mss.matches(withTimestamp.view()));
        assertTrue(timestamp.matches(withTimestamp.view()));
        assertFalse(timestamp.matches(withMss.view()));
        // the window scale option's value byte is 8: it is a value, not a kind
        assertFalse(timestamp.matches(inPayload.view()));
        assertFalse(timestamp.matches(bare));
        assertTrue(noTimestamp.matches(bare));
        assertTrue(noTimestamp.matches(withMss.view()));
        assertFalse(noTimestamp.matches(withTimestamp.view()));
    }

    @Test
    void aZeroLengthOptionSteppedOverByOne() throws RuleException {
        TestPackets p = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2);
        p.ipv4().tcpOptions(new byte[] {5, 0, 8, 2});
        assertTrue(match("--tcp-option", "8").matches(p.view()));
    }

    @Test
    void fragmentsNeverMatchAndOffsetOneIsDropped() throws RuleException {
        TcpMatch m = match("!", "--dport", "22");
        TestPackets second = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2);
        second.ipv4().fragmentOffset(2).payloadLength(40);
        PacketView v = second.view();
        assertFalse(m.matches(v));
        assertFalse(v.hotdropped());

        TestPackets evil = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2);
        evil.ipv4().fragmentOffset(1).payloadLength(40);
        PacketView e = evil.view();
        assertFalse(m.matches(e));
        assertTrue(e.hotdropped());
    }

    @Test
    void truncatedHeaderIsDropped() throws RuleException {
        TcpMatch m = match("!", "--dport", "22");
        PacketView whole = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2).truncated(40);
        assertTrue(m.matches(whole));
        assertFalse(whole.hotdropped());
        PacketView cut = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2).truncated(39);
        assertFalse(m.matches(cut));
        assertTrue(cut.hotdropped());
    }

    @Test
    void truncatedOptionsAreDroppedOnlyWhenAnOptionIsAsked() throws RuleException {
        TestPackets p = TestPackets.tcp("192.0.2.1", 1, "192.0.2.2", 2);
        p.ipv4().tcpOptions(new byte[] {1, 1, 1, 1, 1, 1, 1, 1});
        PacketView cut = p.truncated(44);
        assertTrue(match("--dport", "2").matches(cut));
        assertFalse(cut.hotdropped());
        cut = p.truncated(44);
        assertFalse(match("--tcp-option", "2").matches(cut));
        assertTrue(cut.hotdropped());
        PacketView whole = p.truncated(48);
        assertFalse(match("--tcp-option", "2").matches(whole));
        assertFalse(whole.hotdropped());
    }

    @Test
    void aDataOffsetBelowFiveIsDroppedWhenAnOptionIsAsked() throws RuleException {
        PacketView v = packet(1, 2, 0);
        byte[] bytes = v.bytes();
        bytes[v.offset() + 20 + 12] = 0x40;
        assertTrue(match("--dport", "2").matches(v));
        assertFalse(v.hotdropped());
        assertFalse(match("--tcp-option", "2").matches(v));
        assertTrue(v.hotdropped());
    }

    @Property
    void portRangeMatchesExactlyItsPorts(@ForAll @IntRange(max = 65535) int a, @ForAll @IntRange(max = 65535) int b,
                                         @ForAll @IntRange(max = 65535) int port, @ForAll boolean not)
            throws RuleException {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        PortRange r = PortRange.parse(lo + ":" + hi, not, null);
        assertEquals(new PortRange(lo, hi, not), r);
        assertEquals((port >= lo && port <= hi) != not, r.matches(port));
        TcpMatch m = match(not ? "!" : "--sport", not ? "--sport" : lo + ":" + hi, not ? lo + ":" + hi : "!");
        assertEquals(r.matches(port), m.matches(packet(port, 1, 0)));
    }

    @Property
    void reversedRangesAreRefused(@ForAll @IntRange(max = 65535) int a, @ForAll @IntRange(max = 65535) int b) {
        Assume.that(a > b);
        assertThrows(RuleException.class, () -> PortRange.parse(a + ":" + b, false, null));
    }

    @Property
    void openEndsAndHexAreRead(@ForAll @IntRange(max = 65535) int port) throws RuleException {
        assertEquals(new PortRange(port, 0xFFFF, false), PortRange.parse(port + ":", false, null));
        assertEquals(new PortRange(0, port, false), PortRange.parse(":" + Integer.toHexString(port).replaceAll("^", "0x"),
                false, null));
        assertEquals(new PortRange(port, port, false), PortRange.parse("0" + Integer.toOctalString(port), false, null));
    }

    @Property
    void saveThenParseGivesTheSameRange(@ForAll @IntRange(max = 65535) int a, @ForAll @IntRange(max = 65535) int b,
                                        @ForAll boolean not) throws RuleException {
        PortRange r = new PortRange(Math.min(a, b), Math.max(a, b), not);
        StringBuilder out = new StringBuilder();
        r.save(out, "--sport");
        if (r.isAny()) {
            assertEquals("", out.toString());
            return;
        }
        String text = out.toString();
        String arg = text.substring(text.lastIndexOf(' ') + 1);
        assertEquals(r, PortRange.parse(arg, text.startsWith(" !"), null));
    }

    @Property
    void flagsRoundTrip(@ForAll @IntRange(max = 0x3F) int mask, @ForAll @IntRange(max = 0x3F) int compare,
                        @ForAll @IntRange(max = 0xFF) int packetFlags) throws RuleException {
        assertEquals(mask, TcpFlags.parse(TcpFlags.format(mask)));
        TcpMatch m = match("--tcp-flags", TcpFlags.format(mask), TcpFlags.format(compare));
        assertEquals((packetFlags & mask) == compare, m.matches(packet(1, 2, packetFlags)));
    }

    @Test
    void placementAndHelp() throws Exception {
        TcpExtension ext = new TcpExtension();
        assertEquals(Placement.ANYWHERE, ext.placement());
        assertEquals("tcp", ext.name());
        try (InputStream in = TcpTest.class.getResourceAsStream("/help-tcp.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), ext.help());
        }
    }
}
