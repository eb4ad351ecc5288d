package org.jptables.plugins.physdev;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Without a bridge on the host no packet carries bridge information: only all-inverted rules match. */
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

    @Test
    void help() throws Exception {
        try (InputStream in = PhysdevTest.class.getResourceAsStream("/help-physdev.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new PhysdevExtension().help());
        }
    }
}
