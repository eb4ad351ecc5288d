package org.jptables.plugins.icmp;

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
import org.jptables.api.ListingFormat;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class IcmpTest {
    private static final ListingFormat NUMERIC = new ListingFormat(true, null);
    private static final ListingFormat NAMED = new ListingFormat(false, null);

    private static IcmpMatch match(String type, boolean inverted) throws RuleException {
        MatchBuilder b = new IcmpExtension().newBuilder(TestContext.filterInput().withProtocol(1));
        b.option(IcmpExtension.TYPE, List.of(type), inverted);
        return (IcmpMatch) b.build();
    }

    private static String printed(IcmpMatch m, ListingFormat format) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, format);
        return sb.toString();
    }

    private static String saved(IcmpMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static PacketView icmp(int type, int code) {
        return TestPackets.icmp("192.0.2.1", "192.0.2.2", type, code).view();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "echo-request|icmp echo-request|icmptype 8|--icmp-type 8",
        "ping|icmp echo-request|icmptype 8|--icmp-type 8",
        "PI|icmp echo-request|icmptype 8|--icmp-type 8",
        "echo-reques|icmp echo-request|icmptype 8|--icmp-type 8",
        "pong|icmp echo-reply|icmptype 0|--icmp-type 0",
        "ttl-e|icmp time-exceeded|icmptype 11|--icmp-type 11",
        "host-unr|icmp host-unreachable|icmptype 3 code 1|--icmp-type 3/1",
        "3/4|icmp fragmentation-needed|icmptype 3 code 4|--icmp-type 3/4",
        "3:3/4|icmp fragmentation-needed|icmptype 3 code 4|--icmp-type 3/4",
        "3/255|icmptype 3 code 255|icmptype 3 code 255|--icmp-type 3/255",
        "8/0|icmptype 8 code 0|icmptype 8 code 0|--icmp-type 8/0",
        "8/0:3|icmptype 8 codes 0-3|icmptype 8 codes 0-3|--icmp-type 8/0",
        "8/3:0|icmptype 8 codes 3-0|icmptype 8 codes 3-0|--icmp-type 8/3",
        "8/0:255|icmp echo-request|icmptype 8|--icmp-type 8",
        "8/0x3:0x05|icmptype 8 codes 3-5|icmptype 8 codes 3-5|--icmp-type 8/3",
        "0x8|icmp echo-request|icmptype 8|--icmp-type 8",
        "010|icmp echo-request|icmptype 8|--icmp-type 8",
        "' 8'|icmp echo-request|icmptype 8|--icmp-type 8",
        "8/ +4|icmptype 8 code 4|icmptype 8 code 4|--icmp-type 8/4",
        "1|icmptype 1|icmptype 1|--icmp-type 1",
        "any|icmp any|icmptype 255|--icmp-type any",
        "255|icmp any|icmptype 255|--icmp-type any",
        "255/0|icmptype 255 code 0|icmptype 255 code 0|--icmp-type any",
        "12/0|icmp ip-header-bad|icmptype 12 code 0|--icmp-type 12/0",
        "11/0|icmp ttl-zero-during-transit|icmptype 11 code 0|--icmp-type 11/0",
    })
    void printAndSave(String type, String named, String numeric, String save) throws RuleException {
        IcmpMatch m = match(type, false);
        assertEquals(" " + named, printed(m, NAMED));
        assertEquals(" " + numeric, printed(m, NUMERIC));
        assertEquals(" " + save, saved(m));
        IcmpMatch not = match(type, true);
        assertEquals(" ! " + save, saved(not));
        String invertedNamed = named.startsWith("icmptype") ? "icmp !" + named.substring(4) : "icmp !" + named.substring(5);
        assertEquals(" " + invertedNamed, printed(not, NAMED));
        assertEquals(" icmp !" + numeric.substring(4), printed(not, NUMERIC));
    }

    @Test
    void everyNameIsReadAndListedBack() throws RuleException {
        for (IcmpTypes.Entry e : IcmpTypes.ALL) {
            IcmpMatch m = match(e.name(), false);
            assertEquals(new IcmpType(e.type(), e.codeMin(), e.codeMax()), m.icmp());
            String listed = printed(m, NAMED);
            String first = IcmpTypes.nameOf(e.type(), e.codeMin(), e.codeMax());
            assertEquals(" icmp " + first, listed);
        }
        assertEquals(40, IcmpTypes.ALL.length);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "echo|Ambiguous ICMP type `echo': `echo-reply' or `echo-request'?",
        "p|Ambiguous ICMP type `p': `pong' or `protocol-unreachable'?",
        "ttl|Ambiguous ICMP type `ttl': `ttl-exceeded' or `ttl-zero-during-transit'?",
        "t|Ambiguous ICMP type `t': `TOS-network-unreachable' or `TOS-host-unreachable'?",
        "''|Ambiguous ICMP type `': `any' or `echo-reply'?",
        "foo|Unknown ICMP type `foo'",
        "256|Unknown ICMP type `256'",
        "-1|Unknown ICMP type `-1'",
        "-0|Unknown ICMP type `-0'",
        "/8|Unknown ICMP type `/8'",
        "3:|Unknown ICMP type `3:'",
        "3:300|Unknown ICMP type `3:300'",
        "0x100|Unknown ICMP type `0x100'",
        "echo-request/3|Unknown ICMP type `echo-request/3'",
        "8/|Unknown ICMP code `8/'",
        "3/256|Unknown ICMP code `3/256'",
        "8/-1|Unknown ICMP code `8/-1'",
        "8/0:|Unknown ICMP code `8/0:'",
        "3:5/300|Unknown ICMP code `3:5/300'",
        "3/4/5|unknown character /",
        "8x|unknown character x",
        "0x|unknown character x",
        "08|unknown character 8",
        "3:5x|unknown character x",
        "'8 '|'unknown character  '",
        "3:5|ICMP type range not supported",
        "3:5/4|ICMP type range not supported",
    })
    void refusals(String type, String message) {
        assertEquals(message, assertThrows(RuleException.class, () -> match(type, false)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0,false", "6,false", "1,true"})
    void onlyIcmpRulesAreAccepted(int protocol, boolean accepted) throws RuleException {
        MatchBuilder b = new IcmpExtension().newBuilder(TestContext.filterInput().withProtocol(protocol));
        b.option(IcmpExtension.TYPE, List.of("8"), false);
        if (accepted) {
            assertEquals(" --icmp-type 8", saved((IcmpMatch) b.build()));
        } else {
            RuleException e = assertThrows(RuleException.class, b::build);
            assertTrue(e.isKernelRefusal());
            assertEquals("Invalid argument. Run `dmesg' for more information.", e.getMessage());
        }
    }

    @Test
    void typesAndCodes() throws RuleException {
        IcmpMatch echo = match("echo-request", false);
        assertTrue(echo.matches(icmp(8, 0)));
        assertTrue(echo.matches(icmp(8, 9)));
        assertFalse(echo.matches(icmp(0, 0)));
        IcmpMatch frag = match("fragmentation-needed", false);
        assertTrue(frag.matches(icmp(3, 4)));
        assertFalse(frag.matches(icmp(3, 3)));
        IcmpMatch any = match("any", false);
        assertTrue(any.matches(icmp(42, 7)));
        assertFalse(match("any", true).matches(icmp(42, 7)));
        IcmpMatch notEcho = match("8", true);
        assertTrue(notEcho.matches(icmp(0, 0)));
        assertFalse(notEcho.matches(icmp(8, 0)));
        assertFalse(match("8/3:0", false).matches(icmp(8, 1)));
    }

    @Test
    void fragmentsNeverMatchAndTruncatedHeadersAreDropped() throws RuleException {
        IcmpMatch notEcho = match("8", true);
        TestPackets frag = TestPackets.icmp("192.0.2.1", "192.0.2.2", 0, 0);
        frag.ipv4().fragmentOffset(1).payloadLength(16);
        PacketView f = frag.view();
        assertFalse(notEcho.matches(f));
        assertFalse(f.hotdropped());
        PacketView whole = TestPackets.icmp("192.0.2.1", "192.0.2.2", 0, 0).truncated(28);
        assertTrue(notEcho.matches(whole));
        assertFalse(whole.hotdropped());
        PacketView cut = TestPackets.icmp("192.0.2.1", "192.0.2.2", 0, 0).truncated(27);
        assertFalse(notEcho.matches(cut));
        assertTrue(cut.hotdropped());
    }

    @Property
    void numericTypeAndCodeMatchExactly(@ForAll @IntRange(max = 254) int type, @ForAll @IntRange(max = 255) int code,
                                        @ForAll @IntRange(max = 255) int packetType,
                                        @ForAll @IntRange(max = 255) int packetCode) throws RuleException {
        IcmpMatch m = match(type + "/" + code, false);
        assertEquals(packetType == type && packetCode == code, m.matches(icmp(packetType, packetCode)));
        assertEquals(" --icmp-type " + type + "/" + code, saved(m));
        IcmpMatch typeOnly = match(Integer.toString(type), true);
        assertEquals(packetType != type, typeOnly.matches(icmp(packetType, packetCode)));
    }

    @Property
    void savedFormReadsBackToTheSameMatch(@ForAll @IntRange(max = 255) int type, @ForAll @IntRange(max = 255) int lo,
                                          @ForAll @IntRange(max = 255) int hi) throws RuleException {
        IcmpMatch m = match(type + "/" + lo + ":" + hi, false);
        String saved = saved(m).substring(" --icmp-type ".length());
        IcmpType again = match(saved, false).icmp();
        if (type == 255) {
            assertEquals(new IcmpType(255, 0, 255), again);
        } else if (lo == 0 && hi == 255) {
            assertEquals(m.icmp(), again);
        } else {
            // iptables saves only the first code of a range
            assertEquals(new IcmpType(type, lo, lo), again);
        }
    }

    @Test
    void placementAndHelp() throws Exception {
        IcmpExtension ext = new IcmpExtension();
        assertEquals(Placement.ANYWHERE, ext.placement());
        assertTrue(ext.options().get(0).required());
        try (InputStream in = IcmpTest.class.getResourceAsStream("/help-icmp.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), ext.help());
        }
    }
}
