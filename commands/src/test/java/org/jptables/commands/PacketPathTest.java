package org.jptables.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.path.PacketPath;
import org.jptables.kernel.path.PacketResult;
import org.jptables.language.CommandParser;
import org.jptables.language.names.SystemNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PacketPathTest {
    @TempDir
    Path dir;

    private PacketPath path(String... commands) throws Exception {
        Cli cli = new Cli(dir);
        for (String c : commands) {
            cli.ok(c);
        }
        var registry = PluginLoader.load(dir.resolve("no-plugins"));
        var names = SystemNames.fromEtc();
        Ruleset rs;
        try (StateStore store = StateStore.open(dir.resolve("state.rules"))) {
            rs = store.load(new CommandParser(registry, names, new HashMap<>(), true), names);
        }
        return new PacketPath(rs, Host.conformance(), null);
    }

    private static byte[] udp(String src, String dst) {
        return new Ipv4Builder().protocol(Ipv4Builder.UDP).source(src).destination(dst).sourcePort(40000)
                .destinationPort(53).build();
    }

    @Test
    void forwardedPacketsLoseOneTtlAndLeaveWithTheNeighboursMac() throws Exception {
        PacketPath path = path("-P FORWARD ACCEPT");
        PacketResult r = new PacketResult();
        byte[] p = udp("198.18.0.2", "198.18.1.2");
        path.process(p, p.length, "eth0", 0, r);
        assertEquals("ACCEPT", r.verdict);
        assertEquals(1, r.emitted.size());
        assertEquals("eth1", r.emitted.get(0).on());
        String hex = HexFormat.of().formatHex(r.emitted.get(0).frame());
        assertEquals("020000000102" + "020000000101" + "0800", hex.substring(0, 28), "neighbour's MAC, then eth1's");
        assertEquals("3f", hex.substring(28 + 16, 28 + 18), "TTL 63");
        assertEquals(List.of(new PacketResult.PolicyHit("filter", "FORWARD")), r.policies);
    }

    @Test
    void localDeliveryTraversesInputAndRejectAnswersThroughOutput() throws Exception {
        PacketPath path = path("-A INPUT -p 17 -j FAKEREJECT");
        PacketResult r = new PacketResult();
        byte[] p = udp("203.0.113.9", "198.18.0.1");
        path.process(p, p.length, "eth0", 0, r);
        assertEquals("DROP", r.verdict);
        assertEquals(List.of("filter:INPUT:rule:1", "filter:OUTPUT:policy"), r.trace);
        assertEquals(1, r.emitted.size());
        String hex = HexFormat.of().formatHex(r.emitted.get(0).frame());
        assertEquals("020000000002" + "020000000001", hex.substring(0, 24), "to the gateway, from eth0");
        assertEquals("0303", hex.substring(28 + 40, 28 + 44), "ICMP port unreachable");
    }
}
