package org.jptables.plugins.hmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Addresses;
import org.jptables.api.ConnState;
import org.jptables.api.StateScope;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** Marks as Linux 6.18's xt_HMARK set them (conformance case hmark-mark, LOG's MARK=). */
class HmarkTest {
    private static final String FULL = "-j HMARK --hmark-tuple src,dst,sport,dport,proto --hmark-rnd 0xcafe "
            + "--hmark-mod 4294967295";
    private final RuleTester prerouting = RuleTester.of("mangle", "PREROUTING");

    private int markAfter(String rule, PacketView p) {
        p.setMark(0);
        assertEquals(Verdict.ACCEPT, prerouting.verdict(rule, p));
        return p.mark();
    }

    @Test
    void hashesTheTupleBothWaysAlike() {
        PacketView out = TestPackets.udp("198.18.0.2", 1000, "198.18.1.2", 53).view();
        assertEquals(0x19696d98, markAfter(FULL, out));
        PacketView back = TestPackets.udp("198.18.1.2", 53, "198.18.0.2", 1000).view();
        assertEquals(0x19696d98, markAfter(FULL, back));
    }

    @Test
    void masksPrefixesPortsAndProtocolThenScales() {
        String rule = "-j HMARK --hmark-src-prefix 24 --hmark-dst-prefix 16 --hmark-sport-mask 0xff00 "
                + "--hmark-dport-mask 0x00ff --hmark-sport 0x3 --hmark-proto-mask 0xff --hmark-rnd 0x12345678 "
                + "--hmark-mod 1000 --hmark-offset 1000";
        assertEquals(0x745, markAfter(rule, TestPackets.tcp("198.18.0.2", 40000, "198.18.1.2", 80).view()));
        // another host of the /24, a source port equal under the mask: the same mark
        assertEquals(0x745, markAfter(rule, TestPackets.tcp("198.18.0.77", 40100, "198.18.1.2", 80).view()));
    }

    @Test
    void icmpHasNoPorts() {
        assertEquals(0x92d628fe, markAfter(FULL, TestPackets.icmp("198.18.0.2", "198.18.1.2", 8, 0).view()));
        assertEquals(0x92d628fe, markAfter(FULL, TestPackets.icmp("198.18.1.2", "198.18.0.2", 0, 0).view()));
    }

    @Test
    void fragmentsHashWithoutPorts() {
        var first = TestPackets.udp("198.18.0.2", 1000, "198.18.1.2", 53);
        first.ipv4().moreFragments(true);
        int noPorts = markAfter(FULL, TestPackets.udp("198.18.0.2", 0, "198.18.1.2", 0).view());
        assertEquals(noPorts, markAfter(FULL, first.view()));
        // a whole packet does hash its ports
        assertEquals(0x19696d98, markAfter(FULL, TestPackets.udp("198.18.0.2", 1000, "198.18.1.2", 53).view()));
    }

    @Test
    void ctModeHashesTheConnectionsTuples() {
        String rule = "-j HMARK --hmark-tuple ct,src,dst,sport,dport --hmark-rnd 7 --hmark-mod 65536";
        int client = Addresses.parse("198.18.0.2");
        int server = Addresses.parse("198.18.1.2");
        PacketView syn = TestPackets.tcp("198.18.0.2", 41000, "198.18.1.2", 443).view();
        syn.conntrack(ConnState.NEW, 0, 6, client, server, server, client).conntrackDetails(0, 41000, 443, 443, 41000, 0);
        assertEquals(0xce6, markAfter(rule, syn));
        PacketView reply = TestPackets.tcp("198.18.1.2", 443, "198.18.0.2", 41000).view();
        reply.conntrack(ConnState.ESTABLISHED, 0, 6, client, server, server, client)
                .conntrackDetails(1, 41000, 443, 443, 41000, 0);
        assertEquals(0xce6, markAfter(rule, reply));
        // untracked, or no connection: the mark stays
        PacketView untracked = TestPackets.udp("198.18.0.2", 1000, "198.18.1.2", 7).view();
        untracked.conntrack(ConnState.UNTRACKED, 0, 0, 0, 0, 0, 0);
        assertEquals(0, markAfter("-j HMARK --hmark-tuple ct --hmark-rnd 5 --hmark-mod 100 --hmark-offset 1", untracked));
    }

    @Test
    void ctModeIsConnectionScoped() {
        assertEquals(StateScope.CONNECTION,
                new HmarkTarget(1 << HmarkTarget.CT, 0, 0, 0, 0, 0, 0, 1, 0).stateScope());
        assertEquals(StateScope.NONE, new HmarkTarget(1, 32, 0, 0, 0, 0, 0, 1, 0).stateScope());
    }

    @Test
    void help() throws Exception {
        try (InputStream in = HmarkTest.class.getResourceAsStream("/help-HMARK.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new HmarkExtension().help());
        }
    }
}
