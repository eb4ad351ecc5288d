package org.jptables.plugins.physdev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * xt_physdev on packets with and without bridge information: a packet that came in on no bridge
 * port matches only all-inverted rules; a bridged one as physdev_mt compares its ports.
 */
class PhysdevTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--physdev-in eth0                                  | false",
        "! --physdev-in eth0                                | true",
        "--physdev-is-bridged                               | false",
        "! --physdev-is-bridged                             | true",
        "! --physdev-is-in ! --physdev-is-out               | true",
        "! --physdev-is-in --physdev-is-out                 | false",
        "! --physdev-in + ! --physdev-out + ! --physdev-is-bridged | true",
    })
    void unbridgedPackets(String options, boolean matches) {
        var p = TestPackets.tcp("198.18.0.2", 40000, "198.18.1.2", 80).in("eth0").out("eth1").view();
        assertEquals(matches, RuleTester.of("filter", "FORWARD").matches("-m physdev " + options.strip(), p));
    }

    /** A frame from port eth0 bridged to port eth1 (FORWARD, POSTROUTING), or not yet (PREROUTING, INPUT: out ""). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "eth1 | --physdev-in eth0                       | true",
        "eth1 | --physdev-in eth1                       | false",
        "eth1 | ! --physdev-in eth1                     | true",
        "eth1 | --physdev-in eth+                       | true",
        "eth1 | --physdev-in et                         | false",
        "eth1 | --physdev-in eth0+                      | true",
        "eth1 | --physdev-in eth00                      | false",
        "eth1 | --physdev-in +                          | true",
        "eth1 | ! --physdev-in +                        | false",
        "eth1 | --physdev-out eth1                      | true",
        "eth1 | --physdev-out eth0                      | false",
        "eth1 | ! --physdev-out eth0                     | true",
        "eth1 | --physdev-is-bridged                    | true",
        "eth1 | ! --physdev-is-bridged                  | false",
        "eth1 | --physdev-is-in                         | true",
        "eth1 | ! --physdev-is-in                       | false",
        "eth1 | --physdev-is-out                        | true",
        "eth1 | ! --physdev-is-out                      | false",
        "eth1 | --physdev-in eth0 --physdev-out eth1 --physdev-is-bridged | true",
        "''   | --physdev-in eth0                       | true",
        "''   | --physdev-out eth1                      | false",
        "''   | ! --physdev-out eth1                    | false",
        "''   | --physdev-in eth0 ! --physdev-out eth1  | false",
        "''   | --physdev-is-bridged                    | false",
        "''   | ! --physdev-is-bridged                  | true",
        "''   | --physdev-is-in                         | true",
        "''   | --physdev-is-out                        | false",
        "''   | ! --physdev-is-out                      | true",
        "''   | ! --physdev-in eth0                     | false",
    })
    void bridgedPackets(String outPort, String options, boolean matches) {
        var p = TestPackets.tcp("198.18.0.2", 40000, "198.18.0.3", 80).in("br0").out("br0").view();
        p.bridgePorts("eth0", outPort);
        assertEquals(matches, RuleTester.of("filter", "FORWARD").matches("-m physdev " + options.strip(), p));
    }

    @Test
    void namesCompareAsTheKernelsMaskedCompare() {
        assertEquals(true, PhysdevMatch.nameMatches("veth12", "veth1+"));
        assertEquals(true, PhysdevMatch.nameMatches("veth1", "veth1+"));
        assertEquals(false, PhysdevMatch.nameMatches("veth1", "veth12"));
        assertEquals(false, PhysdevMatch.nameMatches("veth12", "veth1"));
        assertEquals(true, PhysdevMatch.nameMatches("anything", ""));
    }

    @Test
    void help() throws Exception {
        try (InputStream in = PhysdevTest.class.getResourceAsStream("/help-physdev.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new PhysdevExtension().help());
        }
    }
}
