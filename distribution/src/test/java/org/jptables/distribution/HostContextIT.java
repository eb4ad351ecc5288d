package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What rules ask of the host beyond addresses and routes, given in host.yaml and the packet
 * description: a route's realms (dst->tclassid, what {@code -m realm} compares) and the CPU a
 * packet is handled on ({@code -m cpu}).
 */
class HostContextIT {
    @TempDir
    Path dir;

    @Test
    void routeRealmsAndTheCpuReachTheRules() throws Exception {
        Path host = dir.resolve("host.yaml");
        Files.writeString(host, """
                forwarding: true
                interfaces:
                  - {name: lo, index: 1, addresses: ["127.0.0.1/8"]}
                  - {name: eth0, index: 2, mac: "02:00:00:00:00:01", addresses: ["198.18.0.1/24"]}
                  - {name: eth1, index: 3, mac: "02:00:00:00:01:01", addresses: ["198.18.1.1/24"]}
                routes:
                  - {destination: default, via: 198.18.0.2, device: eth0}
                  - {destination: 10.9.0.0/16, via: 198.18.1.2, device: eth1, realm: 5}
                  - {destination: 10.8.0.0/16, via: 198.18.1.2, device: eth1, realm: "3/7"}
                """);
        Path rules = dir.resolve("rules");
        Files.writeString(rules, "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + "-A INPUT -m cpu --cpu 1 -j DROP\n"
                + "-A FORWARD -m realm --realm 5 -j DROP\n"
                + "-A FORWARD -m realm --realm 0x30007 -j DROP\n"
                + "-A OUTPUT -m realm --realm 0x5/0xff -j DROP\nCOMMIT\n");
        Path packets = dir.resolve("packets.jsonl");
        Files.writeString(packets, String.join("\n",
                "{\"in\":\"eth0\",\"src\":\"198.18.0.2\",\"dst\":\"10.9.1.1\",\"proto\":\"udp\"}",
                "{\"in\":\"eth0\",\"src\":\"198.18.0.2\",\"dst\":\"10.8.1.1\",\"proto\":\"udp\"}",
                "{\"in\":\"eth0\",\"src\":\"198.18.0.2\",\"dst\":\"198.18.1.2\",\"proto\":\"udp\"}",
                "{\"in\":\"eth0\",\"src\":\"198.18.0.2\",\"dst\":\"198.18.0.1\",\"proto\":\"udp\",\"cpu\":1}",
                "{\"in\":\"eth0\",\"src\":\"198.18.0.2\",\"dst\":\"198.18.0.1\",\"proto\":\"udp\"}",
                "{\"in\":\"host\",\"src\":\"198.18.1.1\",\"dst\":\"10.9.7.7\",\"proto\":\"udp\"}",
                "{\"in\":\"host\",\"src\":\"198.18.0.1\",\"dst\":\"198.18.0.2\",\"proto\":\"udp\"}") + "\n");
        Jptables.Result r = new Jptables(dir).iptables(List.of("replay", "--rules", rules.toString(), "--host",
                host.toString(), "--packets", packets.toString(), "--json", "--quiet-host"));
        assertEquals(0, r.status(), r.err());
        List<String> verdicts = r.out().lines().filter(l -> l.startsWith("{"))
                .map(l -> l.replaceAll(".*\"verdict\":\"([A-Z]+)\".*", "$1")).toList();
        assertEquals(List.of("DROP", "DROP", "ACCEPT", "DROP", "ACCEPT", "DROP", "ACCEPT"), verdicts, r.out());

        Path wrong = dir.resolve("wrong.jsonl");
        Files.writeString(wrong, "{\"in\":\"eth0\",\"src\":\"198.18.0.2\",\"dst\":\"198.18.0.1\",\"cpu\":-1}\n");
        Jptables.Result bad = new Jptables(dir).iptables(List.of("replay", "--rules", rules.toString(), "--packets",
                wrong.toString(), "--json"));
        assertEquals(2, bad.status());
        assertEquals("jptables: " + wrong + ":1: cpu: not a CPU number 0-4095: -1\n", bad.err());
    }
}
