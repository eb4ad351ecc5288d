package org.jptables.live.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jptables.kernel.host.HostConfig;
import org.jptables.kernel.host.HostConfig.InterfaceConfig;
import org.jptables.kernel.host.HostConfig.NeighbourConfig;
import org.jptables.kernel.host.HostConfig.RouteConfig;
import org.junit.jupiter.api.Test;

/** The daemon's view of the host, written in conf/host.yaml's shape, reads back as the same host. */
class HostYamlTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static HostConfig parse(String yaml) throws IOException {
        return YAML.readValue(yaml, HostConfig.class);
    }

    @Test
    void writesTheShapeOfConfHostYaml() {
        HostConfig config = new HostConfig(true,
                List.of(new InterfaceConfig("lo", 1, "00:00:00:00:00:00", List.of("127.0.0.1/8"), 65536, null),
                        new InterfaceConfig("eth0", 2, "02:00:00:00:00:01", List.of("198.18.0.1/24"), 1500, false)),
                List.of(new NeighbourConfig("198.18.0.2", "02:00:00:00:00:02", "eth0")),
                List.of(new RouteConfig("default", "198.18.0.2", "eth0", "198.18.0.1")));
        assertEquals("""
                # The host as its kernel reports it (rtnetlink)
                # left out: route blackhole 10.66.0.0/16: the host model has unicast routes only
                forwarding: true
                interfaces:
                  - name: lo
                    index: 1
                    mac: "00:00:00:00:00:00"
                    addresses: ["127.0.0.1/8"]
                    mtu: 65536
                  - name: eth0
                    index: 2
                    mac: "02:00:00:00:00:01"
                    addresses: ["198.18.0.1/24"]
                    mtu: 1500
                    up: false
                neighbours:
                  - {address: 198.18.0.2, mac: "02:00:00:00:00:02", device: eth0}
                routes:
                  - {destination: default, via: 198.18.0.2, device: eth0, source: 198.18.0.1}
                """, new HostSnapshot(config, List.of("route blackhole 10.66.0.0/16: the host model has unicast routes only"))
                .describe());
    }

    @Test
    void aReadingOfTheKernelReadsBackAsItself() throws IOException {
        HostSnapshot snapshot = new HostSnapshot(RouteDumpTest.EXPECTED, List.of("a note"));
        assertEquals(RouteDumpTest.EXPECTED, parse(snapshot.describe()));
        HostConfig bare = new HostConfig(false, List.of(), List.of(), List.of());
        assertEquals(bare, parse(new HostSnapshot(bare, List.of()).describe()));
    }

    @Test
    void theDistributedHostFileReadsBackAsItself() throws IOException {
        Path file = Path.of("../distribution/src/main/dist/conf/host.yaml");
        HostConfig config = parse(Files.readString(file));
        assertEquals(config, parse(HostYaml.write(config, List.of())));
    }

    /** Linux names an interface with any bytes but '/', ':' and white space: YAML must not reinterpret them. */
    @Test
    void interfaceNamesYamlWouldMisreadAreQuoted() throws IOException {
        List<String> names = List.of("yes", "No", "0x10", "123", "a\"b\\c", "#x", "[v]", "a,b", "{x}", "-", "ä0", "null", "~");
        List<InterfaceConfig> interfaces = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            interfaces.add(new InterfaceConfig(names.get(i), i + 1, null, List.of(), 1500, null));
        }
        HostConfig config = new HostConfig(true, interfaces,
                List.of(new NeighbourConfig("10.0.0.2", "02:00:00:00:00:02", "a,b")),
                List.of(new RouteConfig("10.1.0.0/16", null, "{x}", null), new RouteConfig("default", "10.0.0.2", "yes", null)));
        assertEquals(config, parse(HostYaml.write(config, List.of())));
        assertEquals("eth0.100", HostYaml.scalar("eth0.100"));
        assertEquals("\"0x10\"", HostYaml.scalar("0x10"));
    }
}
