package org.jptables.live.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.jptables.api.Addresses;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.language.CommandParser;
import org.jptables.language.RestoreReader;
import org.jptables.language.names.SystemNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on the conformance host (src 198.18.0.2 — eth0 — fw — eth1 — dst 198.18.1.2): what the
 * kernel is told at each queue, with the real plugins and the real packet path.
 */
class LiveEngineTest {
    private static ExtensionRegistry registry;
    private final List<byte[]> sent = new ArrayList<>();

    @BeforeAll
    static void plugins(@TempDir Path dir) {
        registry = PluginLoader.load(dir.resolve("no-plugins"));
    }

    private LiveEngine engine(String rules) throws Exception {
        var names = SystemNames.fromEtc();
        Ruleset ruleset = new Ruleset();
        new RestoreReader(new CommandParser(registry, names, new HashMap<>(), true), names, false, false, false, null)
                .restore(List.of(rules.split("\n")), ruleset);
        return new LiveEngine(ruleset, Host.conformance(), new ConnectionTracker(), EvalMode.COMPILED,
                (ip, length) -> sent.add(java.util.Arrays.copyOf(ip, length)), true, null, r -> { });
    }

    private static final String SEED = """
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT
            -A INPUT -p icmp -j ACCEPT
            -A INPUT -i lo -j ACCEPT
            -A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT
            -A INPUT -j REJECT --reject-with icmp-host-prohibited
            -A FORWARD -j REJECT --reject-with icmp-host-prohibited
            COMMIT
            """;

    private static byte[] tcp(String src, int sport, String dst, int dport, int flags) {
        return new Ipv4Builder().protocol(Ipv4Builder.TCP).source(src).destination(dst).sourcePort(sport)
                .destinationPort(dport).tcpFlags(flags).sequence(1000).build();
    }

    private static byte[] udp(String src, String dst, int dport) {
        return new Ipv4Builder().protocol(Ipv4Builder.UDP).source(src).destination(dst).sourcePort(40000)
                .destinationPort(dport).build();
    }

    private static LiveDecision decide(LiveEngine engine, int hook, byte[] packet, int in) {
        LiveDecision d = new LiveDecision();
        engine.decide(hook, packet, packet.length, in, 0, -1, -1, d);
        return d;
    }

    @Test
    void theSeedAcceptsSshAndRejectsTelnetWithAnAnswerIntoTheNetwork() throws Exception {
        LiveEngine engine = engine(SEED);
        LiveDecision ssh = decide(engine, LiveEngine.PREROUTING, tcp("198.18.0.2", 40000, "198.18.0.1", 22, 0x02), 2);
        assertTrue(ssh.plainAccept());
        LiveDecision telnet = decide(engine, LiveEngine.PREROUTING, tcp("198.18.0.2", 40001, "198.18.0.1", 23, 0x02), 2);
        assertEquals(LiveDecision.DROP, telnet.verdict());
        assertEquals(1, sent.size());
        byte[] answer = sent.get(0);
        assertEquals(1, answer[9], "ICMP");
        assertEquals(3, answer[20]);
        assertEquals(10, answer[21], "host prohibited");
        assertEquals("198.18.0.2", Addresses.format(int32(answer, 16)));
        assertEquals(1, engine.current().table(org.jptables.kernel.model.TableKind.FILTER).chain("INPUT").rules().get(4).counters().packets());
    }

    @Test
    void icmpAnswersToOnePeerAreLimitedAsTheKernelsAre() throws Exception {
        LiveEngine engine = engine(SEED);
        for (int i = 0; i < 10; i++) {
            decide(engine, LiveEngine.PREROUTING, udp("198.18.0.2", "198.18.0.1", 9), 2);
        }
        assertEquals(6, sent.size(), "a burst of six, then one a second");
        assertEquals(4, engine.statistics().answersLimited());
        assertEquals(10, engine.statistics().dropped());
    }

    @Test
    void aPortForwardRewritesTheDestinationAtPreroutingAndTheReplysSourceAtPostrouting() throws Exception {
        LiveEngine engine = engine("""
                *nat
                :PREROUTING ACCEPT [0:0]
                :INPUT ACCEPT [0:0]
                :OUTPUT ACCEPT [0:0]
                :POSTROUTING ACCEPT [0:0]
                -A PREROUTING -i eth0 -p tcp --dport 8080 -j DNAT --to-destination 198.18.1.2:80
                COMMIT
                """);
        byte[] syn = tcp("198.18.0.2", 40000, "198.18.0.1", 8080, 0x02);
        LiveDecision first = decide(engine, LiveEngine.PREROUTING, syn, 2);
        assertNotNull(first.payload());
        assertEquals("198.18.1.2", Addresses.format(int32(first.payload(), 16)));
        assertEquals(80, u16(first.payload(), 22));
        assertEquals(64, first.payload()[8] & 0xFF, "the kernel decrements the TTL itself");
        assertEquals(0, checksum(first.payload(), 20), "a valid header");
        byte[] forwarded = java.util.Arrays.copyOf(first.payload(), first.payloadLength());
        forwarded[8]--;
        assertNull(decide(engine, LiveEngine.POSTROUTING, forwarded, 0).payload(), "nothing owed after routing");

        byte[] synAck = new Ipv4Builder().protocol(Ipv4Builder.TCP).source("198.18.1.2").destination("198.18.0.2")
                .sourcePort(80).destinationPort(40000).tcpFlags(0x12).sequence(5000).acknowledgement(1001).build();
        byte[] asSent = synAck.clone(); // the path rewrites the buffer it is given
        LiveDecision reply = decide(engine, LiveEngine.PREROUTING, synAck, 3);
        assertNull(reply.payload(), "routing sees the reply as it came");
        asSent[8]--;
        LiveDecision late = decide(engine, LiveEngine.POSTROUTING, asSent.clone(), 0);
        assertNotNull(late.payload());
        assertEquals("198.18.0.1", Addresses.format(int32(late.payload(), 12)));
        assertEquals(8080, u16(late.payload(), 20));
        assertEquals(63, late.payload()[8] & 0xFF);
        assertNull(decide(engine, LiveEngine.POSTROUTING, asSent, 0).payload(), "claimed once");
    }

    @Test
    void aMarkSetByARuleGoesToTheKernel() throws Exception {
        LiveEngine engine = engine("""
                *mangle
                :PREROUTING ACCEPT [0:0]
                -A PREROUTING -p udp -j MARK --set-mark 0x7
                COMMIT
                """);
        LiveDecision d = decide(engine, LiveEngine.PREROUTING, udp("198.18.0.2", "198.18.0.1", 53), 2);
        assertEquals(7, d.mark());
        assertNull(d.payload());
    }

    @Test
    void theMacAddressAPacketCameWithIsTheOneRulesSee() throws Exception {
        LiveEngine engine = engine("""
                *filter
                :INPUT ACCEPT [0:0]
                -A INPUT -m mac --mac-source 02:00:00:00:AA:BB -j DROP
                COMMIT
                """);
        LiveDecision d = new LiveDecision();
        byte[] p = udp("198.18.0.2", "198.18.0.1", 53);
        engine.decide(LiveEngine.PREROUTING, p.clone(), p.length, 2, 0x02000000AABBL, 0, -1, -1, d);
        assertEquals(LiveDecision.DROP, d.verdict());
        engine.decide(LiveEngine.PREROUTING, p.clone(), p.length, 2, -1, 0, -1, -1, d);
        assertTrue(d.plainAccept(), "unknown: the neighbour table's 02:00:00:00:00:02");
    }

    @Test
    void aPacketOnAnUnknownInterfaceGoesAsFailOpenSays() throws Exception {
        LiveEngine engine = engine(SEED);
        LiveDecision d = decide(engine, LiveEngine.PREROUTING, udp("198.18.0.2", "198.18.0.1", 9), 42);
        assertTrue(d.plainAccept());
        assertEquals(1, engine.statistics().errors());
    }

    @Test
    void theHostsOwnPacketsAreDecidedAtOutput() throws Exception {
        LiveEngine engine = engine("""
                *filter
                :OUTPUT ACCEPT [0:0]
                -A OUTPUT -p udp --dport 53 -j DROP
                COMMIT
                """);
        assertEquals(LiveDecision.DROP, decide(engine, LiveEngine.OUTPUT, udp("198.18.0.1", "198.18.0.2", 53), 0).verdict());
        assertTrue(decide(engine, LiveEngine.OUTPUT, udp("198.18.0.1", "198.18.0.2", 54), 0).plainAccept());
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    private static int checksum(byte[] b, int length) {
        int sum = 0;
        for (int i = 0; i < length; i += 2) {
            sum += u16(b, i);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
