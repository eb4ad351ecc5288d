package org.jptables.plugins.reject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.Effects;
import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class RejectTest {
    private static RejectTarget target(TestContext context, String... with) throws RuleException {
        TargetBuilder b = new RejectExtension().newBuilder(context);
        for (String w : with) {
            b.option("--reject-with", List.of(w), false);
        }
        return (RejectTarget) b.build();
    }

    private static String printed(Target t) {
        StringBuilder sb = new StringBuilder();
        t.print(sb, new ListingFormat(false, null));
        return sb.toString();
    }

    private static String saved(Target t) {
        StringBuilder sb = new StringBuilder();
        t.save(sb);
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "icmp-net-unreachable,icmp-net-unreachable,0", "net-unreach,icmp-net-unreachable,0",
        "icmp-host-unreachable,icmp-host-unreachable,1", "host-unreach,icmp-host-unreachable,1",
        "icmp-proto-unreachable,icmp-proto-unreachable,2", "proto-unreach,icmp-proto-unreachable,2",
        "icmp-port-unreachable,icmp-port-unreachable,3", "port-unreach,icmp-port-unreachable,3",
        "icmp-net-prohibited,icmp-net-prohibited,9", "net-prohib,icmp-net-prohibited,9",
        "icmp-host-prohibited,icmp-host-prohibited,10", "host-prohib,icmp-host-prohibited,10",
        "icmp-admin-prohibited,icmp-admin-prohibited,13", "admin-prohib,icmp-admin-prohibited,13",
        "tcp-reset,tcp-reset,-1", "tcp-rst,tcp-reset,-1",
        // libipt_REJECT compares only the length of the word typed: prefixes name the first type
        "p,icmp-proto-unreachable,2", "icmp,icmp-net-unreachable,0", "port,icmp-port-unreachable,3",
        "a,icmp-admin-prohibited,13", "TCP-RST,tcp-reset,-1", "'',icmp-net-unreachable,0"
    })
    void readsEveryTypeAndAlias(String word, String text, int code) throws RuleException {
        RejectTarget t = target(TestContext.filterInput().withProtocol(6), word);
        assertEquals(text, t.type().text());
        assertEquals(code, t.type().code());
        assertEquals(" reject-with " + text, printed(t));
        assertEquals(" --reject-with " + text, saved(t));
    }

    @Test
    void defaultIsPortUnreachableAndIsAlwaysShown() throws RuleException {
        RejectTarget t = target(TestContext.filterInput());
        assertEquals(RejectType.PORT_UNREACHABLE, t.type());
        assertEquals(" --reject-with icmp-port-unreachable", saved(t));
        assertEquals(" reject-with icmp-port-unreachable", printed(t));
    }

    @Test
    void optionIsOnceAndNotInvertible() {
        assertTrue(new RejectExtension().options().get(0).once());
        assertFalse(new RejectExtension().options().get(0).mayInvert());
    }

    @ParameterizedTest
    @CsvSource({"bogus", "icmp-tcp-reset", "host-unreachable-x", "x"})
    void unknownTypes(String word) {
        RuleException e = assertThrows(RuleException.class, () -> target(TestContext.filterInput(), word));
        assertEquals("unknown reject type \"" + word + "\"", e.getMessage());
        assertFalse(e.isKernelRefusal());
    }

    @Test
    void tcpResetNeedsTcpRule() throws RuleException {
        RuleException none = assertThrows(RuleException.class, () -> target(TestContext.filterInput(), "tcp-reset"));
        assertTrue(none.isKernelRefusal());
        assertEquals("Invalid argument. Run `dmesg' for more information.", none.getMessage());
        assertThrows(RuleException.class, () -> target(TestContext.filterInput().withProtocol(17), "tcp-reset"));
        TestContext inverted = TestContext.filterInput();
        inverted.declareProtocol(6, true);
        assertTrue(assertThrows(RuleException.class, () -> target(inverted, "tcp-rst")).isKernelRefusal());
        assertEquals(RejectType.TCP_RESET, target(TestContext.filterInput().withProtocol(6), "tcp-reset").type());
    }

    @Test
    void applyAsksForTheAnswerAndDrops() throws RuleException {
        PacketView udp = TestPackets.udp("192.0.2.1", 5000, "198.51.100.2", 53).view();
        udp.clearRequests();
        assertEquals(Verdict.DROP, target(TestContext.filterInput(), "host-prohib").apply(udp));
        assertEquals(10, udp.rejectRequested());
        PacketView tcp = TestPackets.tcp("192.0.2.1", 5000, "198.51.100.2", 22).view();
        tcp.clearRequests();
        assertEquals(Verdict.DROP, target(TestContext.filterInput().withProtocol(6), "tcp-reset").apply(tcp));
        assertEquals(Effects.TCP_RESET, tcp.rejectRequested());
    }

    @Test
    void placementIsFilterInputForwardOutput() {
        Placement p = new RejectExtension().placement();
        for (Hook h : Hook.values()) {
            boolean local = h == Hook.INPUT || h == Hook.FORWARD || h == Hook.OUTPUT;
            assertEquals(local, p.allows("filter", h), h.name());
            assertFalse(p.allows("mangle", h));
            assertFalse(p.allows("nat", h));
            assertFalse(p.allows("raw", h));
        }
    }

    @Test
    void wholeRuleVerdict() {
        RuleTester t = RuleTester.filter();
        assertEquals("DROP", t.verdictName("-p udp -j REJECT",
                TestPackets.udp("192.0.2.1", 5000, "198.51.100.2", 53).view()));
        assertEquals("ACCEPT", t.verdictName("-p tcp -j REJECT",
                TestPackets.udp("192.0.2.1", 5000, "198.51.100.2", 53).view()));
        assertEquals("REJECT: option \"--reject-with\" can only be used once.",
                t.error("-j REJECT --reject-with port --reject-with net"));
    }

    @Test
    void helpIsIptablesText() throws Exception {
        try (InputStream in = RejectTest.class.getResourceAsStream("/help-REJECT.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new RejectExtension().help());
        }
        assertNull(RejectType.named("bogus"));
    }
}
