package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jptables.capture.CaptureReader;
import org.jptables.capture.CaptureRecord;
import org.jptables.capture.PcapWriter;
import org.jptables.commands.Main;
import org.jptables.commands.Settings;
import org.jptables.kernel.conntrack.ConntrackConfig;
import org.jptables.kernel.packet.Ipv4Builder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled sample replayed with the default ruleset, and checksums checked as Linux checks them. */
class CaptureReplayIT {
    private static final int HOST = 0xC6120001; // 198.18.0.1
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** One frame of a replay's output capture, by the fields the verdicts depend on. */
    record Frame(int src, int dst, int proto, int sport, int dport, int flags) {
        boolean fromHost() {
            return src == HOST;
        }

        boolean tcp(int port) {
            return proto == 6 && (sport == port || dport == port);
        }
    }

    private static List<Frame> frames(Path pcap) throws Exception {
        List<Frame> frames = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(pcap)) {
            CaptureRecord r = new CaptureRecord();
            while (reader.next(r)) {
                byte[] d = r.data;
                int ip = r.network;
                int l4 = ip + (d[ip] & 0x0F) * 4;
                int proto = d[ip + 9] & 0xFF;
                boolean ports = proto == 6 || proto == 17;
                frames.add(new Frame(i32(d, ip + 12), i32(d, ip + 16), proto, ports ? u16(d, l4) : 0,
                        ports ? u16(d, l4 + 2) : 0, proto == 6 ? d[l4 + 13] & 0xFF : 0));
            }
        }
        return frames;
    }

    private static int u16(byte[] d, int at) {
        return ((d[at] & 0xFF) << 8) | (d[at + 1] & 0xFF);
    }

    private static int i32(byte[] d, int at) {
        return (u16(d, at) << 16) | u16(d, at + 2);
    }

    @Test
    void theOfficeSampleWithTheDefaultRuleset() throws Exception {
        Path sample = Jptables.HOME.resolve("samples/office.pcap");
        assertTrue(Files.isRegularFile(sample), "the build generates " + sample);
        assertTrue(Files.isRegularFile(Jptables.HOME.resolve("samples/README.md")));
        Path accepted = tmp.resolve("accepted.pcap");
        Path dropped = tmp.resolve("dropped.pcap");
        Jptables jptables = Jptables.freshInstallation(tmp);
        Jptables.Result r = jptables.iptables(List.of("replay", sample.toString(), "--accepted", accepted.toString(),
                "--dropped", dropped.toString()));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("office.pcap: 509 IPv4 packets"), r.out());
        List<Frame> ok = frames(accepted);
        List<Frame> no = frames(dropped);
        // ssh: port 22 is open to NEW connections, and everything after is ESTABLISHED
        assertTrue(ok.stream().filter(f -> f.tcp(22)).count() > 100);
        assertTrue(no.stream().noneMatch(f -> f.tcp(22)), "no ssh frame is dropped");
        // the scan: SYNs to every other port are rejected
        long scanSyns = no.stream().filter(f -> f.proto() == 6 && f.flags() == 0x02 && f.dport() != 22).count();
        assertTrue(scanSyns >= 29, "the scan's SYNs to closed ports are rejected: " + scanSyns);
        // the host's own traffic leaves by OUTPUT (policy ACCEPT), and the answers to it are ESTABLISHED
        assertTrue(no.stream().noneMatch(Frame::fromHost), "nothing the host sends is dropped");
        assertTrue(ok.stream().anyMatch(f -> f.proto() == 17 && f.sport() == 53 && f.dst() == HOST),
                "the resolver's answer to the host is accepted");
        assertTrue(ok.stream().anyMatch(f -> f.tcp(443) && f.dst() == HOST && f.sport() == 443),
                "the update server's answers to the host are accepted");
        // DNS queries to the host and the SYN to the forwarded port 8080 meet the final REJECT
        assertTrue(no.stream().anyMatch(f -> f.proto() == 17 && f.dport() == 53 && f.dst() == HOST));
        assertTrue(no.stream().anyMatch(f -> f.tcp(8080) && f.flags() == 0x02));
        // pings are accepted both ways
        assertTrue(ok.stream().filter(f -> f.proto() == 1).count() >= 6);
        assertTrue(no.stream().noneMatch(f -> f.proto() == 1));
        assertEquals(509, ok.size() + no.size());
        // the counters went to the state: the ESTABLISHED rule counted most of the arriving packets
        String listing = jptables.iptables(List.of("-L", "INPUT", "-v", "-x", "-n")).out();
        long established = Long.parseLong(listing.lines().filter(l -> l.contains("RELATED,ESTABLISHED"))
                .findFirst().orElseThrow().trim().split("\\s+")[0]);
        assertTrue(established > 150, listing);
    }

    private static byte[] frame(byte[] ip) {
        byte[] f = new byte[14 + ip.length];
        byte[] macs = {2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 8, 0};
        System.arraycopy(macs, 0, f, 0, 14);
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }

    /** Three ssh SYNs: one with a wrong TCP checksum, one with a wrong IPv4 header checksum, one right. */
    private Path badChecksums() throws Exception {
        Path pcap = tmp.resolve("checksums.pcap");
        try (PcapWriter w = new PcapWriter(pcap)) {
            for (int i = 0; i < 3; i++) {
                byte[] ip = new Ipv4Builder().source("203.0.113." + (5 + i)).destination("198.18.0.1")
                        .sourcePort(40000 + i).destinationPort(22).mss(1460).build();
                if (i == 0) {
                    ip[20 + 16] ^= 0x5A; // the TCP checksum
                } else if (i == 1) {
                    ip[10] ^= 0x5A; // the IPv4 header checksum
                }
                byte[] f = frame(ip);
                w.write(1_000_000_000L * (i + 1), f, 0, f.length);
            }
        }
        return pcap;
    }

    private static JsonNode replay(Map<String, String> env, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        int status = Main.run(all, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return JSON.readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static long packets(JsonNode summary, String verdict) {
        JsonNode v = summary.path("verdicts").path(verdict);
        return v.isMissingNode() ? 0 : v.get("packets").asLong();
    }

    @Test
    void wrongChecksumsAreInvalidUnlessIgnored() throws Exception {
        Path pcap = badChecksums();
        Map<String, String> env = Map.of("JPTABLES_HOME", Jptables.HOME.toString(),
                "JPTABLES_STATE", tmp.resolve("state.rules").toString());
        JsonNode checked = replay(env, pcap.toString(), "--no-save", "--json");
        assertEquals(1, packets(checked, "ACCEPT"), checked.toString());
        assertEquals(2, packets(checked, "DROP"), checked.toString());
        assertEquals(1, checked.get("badIpChecksum").asLong());
        JsonNode ignored = replay(env, pcap.toString(), "--no-save", "--json", "--ignore-checksums");
        assertEquals(3, packets(ignored, "ACCEPT"), ignored.toString());
        assertEquals(0, ignored.get("badIpChecksum").asLong());
    }

    @Test
    void theYamlSwitchTurnsTheChecksOff() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("conf"));
        Files.copy(Jptables.HOME.resolve("conf/default.rules"), home.resolve("conf/default.rules"));
        Files.writeString(home.resolve("conf/jptables.yaml"), "checksums: false\nplugins: "
                + Jptables.HOME.resolve("plugins").toAbsolutePath() + "\n");
        JsonNode summary = replay(Map.of("JPTABLES_HOME", home.toString()), badChecksums().toString(), "--json");
        assertEquals(3, packets(summary, "ACCEPT"), summary.toString());
        assertTrue(Files.exists(home.resolve("var/jptables.rules")), "the state goes where the defaults say");
    }

    private Jptables.Result replayText(String... args) {
        List<String> all = new ArrayList<>(List.of("replay"));
        all.addAll(List.of(args));
        return Jptables.freshInstallation(tmp).iptables(all);
    }

    /** Everything but the first line (the timing) is the same walked rule by rule and compiled. */
    @Test
    void bothEvaluationsGiveTheSameReplay() {
        String sample = Jptables.HOME.resolve("samples/office.pcap").toString();
        Jptables.Result linear = replayText(sample, "--no-save", "--eval", "linear");
        Jptables.Result compiled = replayText(sample, "--no-save", "--eval", "compiled");
        assertEquals(0, linear.status(), linear.err());
        assertEquals(0, compiled.status(), compiled.err());
        String linearRest = linear.out().substring(linear.out().indexOf('\n'));
        assertEquals(linearRest, compiled.out().substring(compiled.out().indexOf('\n')));
        assertTrue(linearRest.contains("reject-with icmp-host-prohibited"), linearRest);
        Jptables.Result wrong = replayText(sample, "--no-save", "--eval", "fast");
        assertEquals(2, wrong.status());
        assertTrue(wrong.err().contains("--eval: \"fast\" is not linear or compiled"), wrong.err());
    }

    @Test
    void aFileThatIsNoCaptureExitsOneAfterTheSummary() throws Exception {
        Path random = tmp.resolve("random.bin");
        byte[] bytes = new byte[5000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(random, bytes);
        Jptables.Result r = replayText(random.toString(), "--no-save");
        assertEquals(1, r.status());
        assertTrue(r.out().startsWith("random.bin: 0 IPv4 packets (0 bytes)"), r.out());
        assertTrue(r.err().startsWith("jptables: " + random + ": at byte 0: unknown magic ")
                && r.err().endsWith(": not a pcap or pcapng capture\n"), r.err());
        Jptables.Result missing = replayText(tmp.resolve("nosuch.pcap").toString(), "--no-save");
        assertEquals(1, missing.status());
        assertEquals("jptables: " + tmp.resolve("nosuch.pcap") + ": No such file or directory\n", missing.err());
    }

    @Test
    void aCutCaptureReportsWhatWasReplayedThenTheFault() throws Exception {
        byte[] sample = Files.readAllBytes(Jptables.HOME.resolve("samples/office.pcap"));
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, java.util.Arrays.copyOf(sample, 3000));
        Jptables.Result r = replayText(cut.toString(), "--no-save", "--json");
        assertEquals(1, r.status());
        JsonNode summary = JSON.readTree(r.out());
        assertTrue(summary.get("packets").asLong() > 0 && summary.get("packets").asLong() < 509, r.out());
        assertTrue(summary.get("error").asText().startsWith("at byte 3000: the file ends inside a record"), r.out());
        assertTrue(r.err().startsWith("jptables: " + cut + ": at byte 3000: "), r.err());
    }

    @Test
    void aCaptureHoldingTheHostsOwnAnswersSuggestsQuietHost() throws Exception {
        Path pcap = tmp.resolve("on-host.pcap");
        byte[] syn = new Ipv4Builder().source("203.0.113.9").destination("198.18.0.1").sourcePort(40000)
                .destinationPort(23).build();
        byte[] answer = new Ipv4Builder().source("198.18.0.1").destination("203.0.113.9").protocol(1).icmpType(3)
                .icmpCode(10).quote(syn).build();
        try (PcapWriter w = new PcapWriter(pcap)) {
            w.write(1_000_000_000L, frame(syn), 0, syn.length + 14);
            w.write(1_000_100_000L, frame(answer), 0, answer.length + 14);
        }
        Jptables.Result loud = replayText(pcap.toString(), "--no-save");
        assertEquals(0, loud.status(), loud.err());
        assertTrue(loud.out().contains("note: the capture holds 1 TCP resets and ICMP errors sent by the host itself;"),
                loud.out());
        Jptables.Result quiet = replayText(pcap.toString(), "--no-save", "--quiet-host");
        assertFalse(quiet.out().contains("note:"), quiet.out());
        Jptables.Result help = new Jptables(tmp).iptables(List.of("replay", "-h"));
        assertTrue(help.out().contains("Exit status: 0 every packet was replayed; 1 "), help.out());
    }

    @Test
    void theShippedSettingsAreTheBuiltInDefaults() throws Exception {
        Settings s = Settings.from(List.of(), Map.of("JPTABLES_HOME", Jptables.HOME.toString()));
        assertEquals(ConntrackConfig.defaults(), s.conntrack());
        assertEquals(Jptables.HOME.resolve("plugins"), s.plugins());
        assertEquals(Jptables.HOME.resolve("var/jptables.rules"), s.state());
        assertEquals(Jptables.HOME.resolve("var/run/jptables.sock"), s.control());
    }
}
