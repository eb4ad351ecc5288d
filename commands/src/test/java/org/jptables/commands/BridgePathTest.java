package org.jptables.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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

/**
 * The packet path through a bridge of three ports (br_netfilter): bridged frames pass PREROUTING,
 * FORWARD with the bridge as -i and -o, and POSTROUTING, unrouted; a MAC the forwarding database
 * does not know is flooded, a copy for each other port.
 */
class BridgePathTest {
    private static final String HOST = """
            interfaces:
              - {name: lo, addresses: ["127.0.0.1/8"]}
              - {name: eth0, mac: "02:00:00:00:00:01"}
              - {name: eth1, mac: "02:00:00:00:01:01"}
              - {name: eth2, mac: "02:00:00:00:02:01"}
              - {name: br0, mac: "02:00:00:00:00:01", addresses: ["198.18.0.1/24"]}
            neighbours:
              - {address: 198.18.0.2, mac: "02:00:00:00:00:02", device: br0}
              - {address: 198.18.0.3, mac: "02:00:00:00:01:02", device: br0}
              - {address: 198.18.0.4, mac: "02:00:00:00:02:02", device: br0}
            bridges:
              - name: br0
                ports: [eth0, eth1, eth2]
                fdb: {"02:00:00:00:00:02": eth0, "02:00:00:00:01:02": eth1}
            """;

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
        Host host = Host.read(new ByteArrayInputStream(HOST.getBytes(StandardCharsets.UTF_8)), "bridge host");
        return new PacketPath(rs, host, null);
    }

    private static byte[] udp(String src, String dst) {
        return new Ipv4Builder().protocol(Ipv4Builder.UDP).source(src).destination(dst).sourcePort(40000)
                .destinationPort(53).build();
    }

    private static String frame(PacketResult r, int i) {
        return HexFormat.of().formatHex(r.emitted.get(i).frame());
    }

    @Test
    void aKnownMacLeavesByItsPortUnroutedWithItsOwnMacs() throws Exception {
        PacketPath path = path("-A FORWARD", "-t mangle -A POSTROUTING");
        PacketResult r = new PacketResult();
        byte[] p = udp("198.18.0.2", "198.18.0.3");
        path.process(p, p.length, "eth0", 0, r);
        assertEquals("ACCEPT", r.verdict);
        assertEquals(List.of(new PacketResult.Hit("filter", "FORWARD", 1), new PacketResult.Hit("mangle", "POSTROUTING", 1)),
                r.matched);
        assertEquals(1, r.emitted.size());
        assertEquals("eth1", r.emitted.get(0).on());
        assertEquals("020000000102" + "020000000002" + "0800", frame(r, 0).substring(0, 28), "the frame's own MACs");
        assertEquals("40", frame(r, 0).substring(28 + 16, 28 + 18), "TTL 64: not routed");
    }

    @Test
    void anUnknownMacIsFloodedToEveryOtherPortEachCopyThroughForward() throws Exception {
        PacketPath path = path("-A FORWARD");
        PacketResult r = new PacketResult();
        byte[] p = udp("198.18.0.3", "198.18.0.4");
        path.process(p, p.length, "eth1", 0, r);
        assertEquals("ACCEPT", r.verdict);
        assertEquals(List.of("eth0", "eth2"), r.emitted.stream().map(PacketResult.Emitted::on).toList());
        assertEquals(List.of(new PacketResult.Hit("filter", "FORWARD", 1), new PacketResult.Hit("filter", "FORWARD", 1)),
                r.matched, "each copy through FORWARD");
        assertEquals(frame(r, 0).substring(12), frame(r, 1).substring(12), "the same frame on both");
    }

    @Test
    void aFrameForThePortItCameByGoesNowhere() throws Exception {
        PacketPath path = path("-A FORWARD");
        PacketResult r = new PacketResult();
        byte[] p = udp("198.18.0.4", "198.18.0.2");
        path.process(p, p.length, "eth0", 0, r);
        assertEquals("DROP", r.verdict);
        assertEquals(0, r.emitted.size());
        assertEquals(List.of(), r.matched, "no FORWARD");
    }

    @Test
    void theHostsOwnPacketsLeaveByTheBridgeFromItsMac() throws Exception {
        PacketPath path = path("-A OUTPUT");
        PacketResult r = new PacketResult();
        byte[] p = udp("198.18.0.1", "198.18.0.3");
        path.process(p, p.length, "host", 0, r);
        assertEquals(List.of("eth1"), r.emitted.stream().map(PacketResult.Emitted::on).toList());
        assertEquals("020000000102" + "020000000001", frame(r, 0).substring(0, 24));
        PacketResult flood = new PacketResult();
        byte[] q = udp("198.18.0.1", "198.18.0.4");
        path.process(q, q.length, "host", 0, flood);
        assertEquals(List.of("eth0", "eth1", "eth2"), flood.emitted.stream().map(PacketResult.Emitted::on).toList(),
                "a MAC the bridge does not know: every port");
    }

    @Test
    void aFrameForTheHostIsTheBridgesInInput() throws Exception {
        PacketPath path = path("-A INPUT");
        PacketResult r = new PacketResult();
        byte[] p = udp("198.18.0.2", "198.18.0.1");
        path.process(p, p.length, "eth0", 0, r);
        assertEquals("ACCEPT", r.verdict);
        assertEquals(List.of(new PacketResult.Hit("filter", "INPUT", 1)), r.matched);
    }
}
