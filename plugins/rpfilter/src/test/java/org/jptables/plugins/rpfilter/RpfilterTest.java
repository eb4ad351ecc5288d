package org.jptables.plugins.rpfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Hook;
import org.jptables.api.Verdict;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reverse-path answers on the conformance host (eth0 198.18.0.1/24 with the default route, eth1
 * 198.18.1.1/24, lo); the conformance case rpfilter-routes checks the same on Linux.
 */
class RpfilterTest {
    private static final Host HOST = Host.conformance();
    private final RuleTester prerouting = RuleTester.of("mangle", "PREROUTING");

    private static PacketView from(String in, String source, String destination) {
        return TestPackets.udp(source, 68, destination, 67).in(in).hook(Hook.PREROUTING).view().addressTypes(HOST);
    }

    /** Rows: in, source, destination, then the answer of plain, --loose, --accept-local, both. */
    @ParameterizedTest
    @CsvSource({
        "eth0, 198.18.0.2,  198.18.0.1,      true,  true,  true,  true",   // on eth0's subnet
        "eth0, 203.0.113.9, 198.18.0.1,      true,  true,  true,  true",   // back by the default route
        "eth1, 203.0.113.9, 198.18.1.1,      false, true,  false, true",   // the way back is eth0
        "eth1, 198.18.1.2,  198.18.0.2,      true,  true,  true,  true",
        "eth0, 198.18.1.2,  198.18.0.1,      false, true,  false, true",   // spoofed from the other side
        "eth0, 198.18.0.1,  198.18.0.1,      false, false, true,  true",   // the host's own, on its device
        "eth0, 198.18.1.1,  198.18.0.1,      false, false, false, true",   // the host's own, other device
        "eth0, 198.18.0.255, 198.18.0.1,     false, false, false, false",  // a broadcast route
        "eth0, 0.0.0.0,     255.255.255.255, true,  true,  true,  true",   // DHCP discover
        "eth1, 0.0.0.0,     224.0.0.22,      true,  true,  true,  true",   // IGMP report
        "eth1, 0.0.0.0,     198.18.1.1,      false, true,  false, true",   // 0.0.0.0 is routed by default
        "lo,   203.0.113.9, 127.0.0.1,       true,  true,  true,  true",   // lo always passes
    })
    void reversePath(String in, String source, String destination, boolean plain, boolean loose,
                     boolean acceptLocal, boolean both) {
        PacketView p = from(in, source, destination);
        assertEquals(plain, prerouting.matches("-m rpfilter", p), "plain");
        assertEquals(!plain, prerouting.matches("-m rpfilter --invert", p), "--invert");
        assertEquals(loose, prerouting.matches("-m rpfilter --loose", p), "--loose");
        assertEquals(acceptLocal, prerouting.matches("-m rpfilter --accept-local --validmark", p), "--accept-local");
        assertEquals(both, prerouting.matches("-m rpfilter --loose --accept-local", p), "both");
    }

    @Test
    void noRouteBackFailsEvenLoose() throws Exception {
        Host lonely = Host.read(writeHost("interfaces:\n  - {name: lo, addresses: [\"127.0.0.1/8\"]}\n"
                + "  - {name: eth0, addresses: [\"10.0.0.1/24\"]}\n"));
        PacketView p = TestPackets.udp("192.0.2.1", 1, "10.0.0.1", 2).in("eth0").view().addressTypes(lonely);
        assertEquals(false, prerouting.matches("-m rpfilter --loose", p));
        assertEquals(Verdict.DROP, prerouting.verdict("-m rpfilter --invert -j DROP", p));
    }

    private static java.nio.file.Path writeHost(String yaml) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("host", ".yaml");
        java.nio.file.Files.writeString(f, yaml);
        f.toFile().deleteOnExit();
        return f;
    }

    @Test
    void onlyRawAndMangleAtPrerouting() {
        assertEquals(1, RuleTester.of("nat", "PREROUTING").failure("-m rpfilter").status());
        assertEquals(1, RuleTester.of("raw", "OUTPUT").failure("-m rpfilter").status());
        assertEquals("-A PREROUTING -m rpfilter --loose", RuleTester.of("raw", "PREROUTING").saved("-m rpfilter --loose"));
    }

    @Test
    void help() throws Exception {
        try (InputStream in = RpfilterTest.class.getResourceAsStream("/help-rpfilter.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new RpfilterExtension().help());
        }
    }
}
