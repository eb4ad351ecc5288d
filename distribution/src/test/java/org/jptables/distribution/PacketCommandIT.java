package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jptables --packet ...}: one packet in iptables' words through the seed's ruleset. */
class PacketCommandIT {
    @TempDir
    Path state;
    private Jptables jptables;

    @BeforeEach
    void loadTheSeed() throws Exception {
        jptables = new Jptables(state);
        byte[] seed = Files.readAllBytes(Jptables.HOME.resolve("conf/default.rules"));
        assertEquals(0, jptables.run("iptables-restore", List.of(), new ByteArrayInputStream(seed)).status());
    }

    @Test
    void anSshSynIsAcceptedByTheFourthRule() {
        Jptables.Result r = jptables.iptables(List.of("--packet", "-i", "eth0", "-p", "tcp", "-s", "203.0.113.9",
                "--sport", "40000", "-d", "198.18.0.1", "--dport", "22", "--tcp-flags", "SYN", "--json"));
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"index\":0,\"verdict\":\"ACCEPT\",\"matched\":[{\"table\":\"filter\",\"chain\":\"INPUT\","
                + "\"rule\":4}],\"policy\":[],\"emitted\":[],\"log\":[],\"trace\":[\"filter:INPUT:rule:4\"]}\n", r.out());
    }

    @Test
    void telnetIsRejectedWithHostProhibitedAndTheCountersShowIt() {
        Jptables.Result r = jptables.iptables(List.of("--packet", "-i", "eth0", "-p", "tcp", "-s", "203.0.113.9",
                "-d", "198.18.0.1", "--dport", "23", "--syn"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("packet 0: DROP  filter:INPUT:rule:5 filter:OUTPUT:policy\n"), r.out());
        // the ICMP host-prohibited answer (type 3 code 10) leaves on eth0 towards the default gateway's MAC
        assertTrue(r.out().contains("  emitted on eth0: IP 198.18.0.1 > 203.0.113.9: ICMP host prohibited, length 48\n"
                + "    020000000002020000000001080045c0"), r.out());
        String listing = jptables.iptables(List.of("-L", "INPUT", "-v", "-n")).out();
        assertTrue(listing.lines().anyMatch(l -> l.matches("\\s+1\\s+40 REJECT .*")), listing);
    }

    @Test
    void aQuietHostSendsNoAnswerAndCountsNoneInOutput() {
        Jptables.Result r = jptables.iptables(List.of("--packet", "-i", "eth0", "-p", "tcp", "-s", "203.0.113.9",
                "-d", "198.18.0.1", "--dport", "23", "--quiet-host", "--json"));
        assertEquals(0, r.status(), r.err());
        assertEquals("{\"index\":0,\"verdict\":\"DROP\",\"matched\":[{\"table\":\"filter\",\"chain\":\"INPUT\","
                + "\"rule\":5}],\"policy\":[],\"emitted\":[],\"log\":[],\"trace\":[\"filter:INPUT:rule:5\"]}\n", r.out());
    }

    @Test
    void helpSaysWhatTheWordsAre() {
        Jptables.Result r = jptables.iptables(List.of("--packet", "-h"));
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("Usage: jptables --packet [-i IFACE | --local] -s ADDR -d ADDR"), r.out());
    }

    @Test
    void aPingByItsIcmpTypeName() {
        Jptables.Result r = jptables.iptables(List.of("--packet", "-p", "icmp", "-s", "203.0.113.9", "-d",
                "198.18.0.1", "--icmp-type", "echo-request", "--json", "--no-save"));
        assertTrue(r.out().contains("\"rule\":2"), r.out());
        assertTrue(jptables.iptables(List.of("-L", "INPUT", "-v", "-n")).out().lines()
                .noneMatch(l -> l.matches("\\s+1\\s+28 ACCEPT .*")), "--no-save left the counters");
    }

    @Test
    void badWordsAreOneLineErrors() {
        Jptables.Result r = jptables.iptables(List.of("--packet", "-s", "203.0.113.9", "--bogus"));
        assertEquals(2, r.status());
        assertEquals("jptables: --packet: unknown option \"--bogus\"\n", r.err());
        r = jptables.iptables(List.of("--packet", "-s", "203.0.113.9", "-d", "198.18.0.1", "--dport", "70000"));
        assertEquals("jptables: --packet: --dport \"70000\": not a number from 0 to 65535\n", r.err());
        r = jptables.iptables(List.of("--packet", "-p", "tcp", "--dport", "22"));
        assertEquals("jptables: --packet: a packet needs a source (-s) and a destination (-d)\n", r.err());
        r = jptables.iptables(List.of("--packet", "-s", "203.0.113.9", "-d", "198.18.0.1", "-i", "eth7"));
        assertEquals(1, r.status());
        assertEquals("jptables: no interface eth7 on this host\n", new String(r.err().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8));
    }
}
