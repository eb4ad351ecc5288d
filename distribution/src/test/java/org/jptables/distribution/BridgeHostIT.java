package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/host-bridge.yaml: a bridging host whose bridged packets meet -m physdev as with br_netfilter. */
class BridgeHostIT {
    @TempDir
    Path state;

    private static List<String> packet(String in, String src, String dst) {
        return List.of("--packet", "--host", Jptables.HOME.resolve("conf/host-bridge.yaml").toString(), "-i", in,
                "-p", "udp", "-s", src, "-d", dst, "--json");
    }

    @Test
    void bridgedPacketsCarryTheirPortsThroughForward() {
        Jptables jptables = new Jptables(state);
        assertEquals(0, jptables.iptables(List.of("-F", "FORWARD")).status());
        Jptables.Result add = jptables.iptables(List.of("-A", "FORWARD", "-i", "br0", "-o", "br0", "-m", "physdev",
                "--physdev-in", "eth0", "--physdev-out", "eth+", "--physdev-is-bridged", "-j", "DROP"));
        assertEquals(0, add.status(), add.err());

        Jptables.Result dropped = jptables.iptables(packet("eth0", "198.18.0.2", "198.18.0.3"));
        assertEquals(0, dropped.status(), dropped.err());
        assertEquals("{\"index\":0,\"verdict\":\"DROP\",\"matched\":[{\"table\":\"filter\",\"chain\":\"FORWARD\","
                + "\"rule\":1}],\"policy\":[],\"emitted\":[],\"log\":[],\"trace\":[\"filter:FORWARD:rule:1\"]}\n",
                dropped.out());

        // the other way the rule's --physdev-in fails: bridged out of eth0, the frame's MACs kept, TTL 64
        Jptables.Result passed = jptables.iptables(packet("eth1", "198.18.0.3", "198.18.0.2"));
        assertTrue(passed.out().contains("\"verdict\":\"ACCEPT\""), passed.out());
        assertTrue(passed.out().contains("{\"on\":\"eth0\",\"hex\":\"02000000000202000000010208004500001c123400004011"),
                passed.out());
    }
}
