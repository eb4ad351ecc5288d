package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jptables.commands.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins built outside this reactor, as a third party builds them, in a fresh copy of the
 * distribution run through its start scripts: the two examples ({@code examples/quota-match},
 * {@code examples/pcap-target}) and a project generated from the archetype. The Maven builds of
 * those projects (with their own tests) are made by maven-invoker-plugin before this test runs.
 */
class ExamplesIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("jptables.examples", "target/examples"));
    private static final Path GENERATED = Path.of(System.getProperty("jptables.generated", "target/it/from-archetype/window"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Path home;

    record Result(int status, String out) {
    }

    /** A copy of the built distribution with the example jars and the generated plugin in its plugins/. */
    @BeforeEach
    void freshDistribution() throws IOException {
        home = tmp.resolve("jptables");
        try (Stream<Path> files = Files.walk(Jptables.HOME)) {
            for (Path source : files.toList()) {
                Path target = home.resolve(Jptables.HOME.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        for (Path jar : List.of(EXAMPLES.resolve("quota-match/target/quota-match-1.0.0.jar"),
                EXAMPLES.resolve("pcap-target/target/pcap-target-1.0.0.jar"), GENERATED.resolve("target/window-1.0.0.jar"))) {
            assertTrue(Files.isRegularFile(jar), jar + " was not built");
            Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()));
        }
    }

    private Result run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin").resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JPTABLES_STATE", tmp.resolve("state.rules").toString());
        pb.environment().put("JPTABLES_INITIAL", "/dev/null"); // empty tables, not the installation's ruleset
        pb.environment().remove("JPTABLES_HOME");
        pb.environment().remove("JPTABLES_PLUGINS");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private String ok(String script, String... args) throws IOException, InterruptedException {
        Result r = run(script, args);
        assertEquals(0, r.status(), String.join(" ", args) + ":\n" + r.out());
        return r.out();
    }

    /**
     * {@code jptables ARGS} in this JVM, on the same home, plugins and state as the scripts (a JVM
     * start for every command would make this test several times slower); 0 is expected.
     */
    private String jpt(String... args) {
        Result r = runInProcess(args);
        assertEquals(0, r.status(), String.join(" ", args) + ":\n" + r.out());
        return r.out();
    }

    private Result runInProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("JPTABLES_HOME", home.toString(), "JPTABLES_PLUGINS",
                home.resolve("plugins").toString(), "JPTABLES_STATE", tmp.resolve("state.rules").toString(), "JPTABLES_INITIAL", "/dev/null");
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        int status = Main.run(List.of(args), env, print, print);
        return new Result(status, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void thePluginsAreLoadedFromTheirJars() throws Exception {
        String listed = ok("jptables", "--list-plugins");
        assertFalse(listed.contains("warning"), listed);
        assertTrue(listed.contains("quota-match-1.0.0.jar (srcquota 1.0.0)\n  match srcquota revision 0\n"), listed);
        assertTrue(listed.contains("pcap-target-1.0.0.jar (pcaplog 1.0.0)\n  target PCAPLOG revision 0\n"), listed);
        assertTrue(listed.contains("window-1.0.0.jar (window 1.0.0)\n  match window revision 0\n  target WINDOW revision 0\n"),
                listed);
        // and the bundled ones are still there
        assertTrue(listed.contains("  target LOG revision 0"), listed);
        assertTrue(jpt("-m", "srcquota", "-h").contains("srcquota match options:\n[!] --quota bytes"));
        assertTrue(jpt("-j", "PCAPLOG", "-h").contains("PCAPLOG target options:\n --file path"));
    }

    @Test
    void rulesAreListedSavedAndRestored() throws Exception {
        Path pcap = tmp.resolve("ssh.pcap");
        jpt("-A", "INPUT", "-p", "tcp", "--dport", "22", "-m", "srcquota", "--quota", "1000000", "-j", "PCAPLOG",
                "--file", pcap.toString(), "--snaplen", "96");
        jpt("-A", "INPUT", "-m", "srcquota", "!", "--quota", "5000", "--max-sources", "1024", "-j", "DROP");
        jpt("-A", "INPUT", "-m", "window", "--min-payload", "1000", "-j", "WINDOW", "--tag", "7");
        String rules = """
                -P INPUT ACCEPT
                -A INPUT -p tcp -m tcp --dport 22 -m srcquota --quota 1000000 -j PCAPLOG --file "%s" --snaplen 96
                -A INPUT -m srcquota ! --quota 5000 --max-sources 1024 -j DROP
                -A INPUT -m window --min-payload 1000 -j WINDOW --tag 0x7
                """.formatted(pcap);
        // the start script sees the same
        assertEquals(rules, ok("jptables", "-S", "INPUT"));
        String listed = jpt("-L", "INPUT", "-n");
        assertTrue(listed.contains("tcp dpt:22 srcquota: 1000000 bytes per source PCAPLOG file " + pcap + " snaplen 96\n"),
                listed);
        assertTrue(listed.contains("srcquota: over 5000 bytes per source max-sources 1024\n"), listed);
        assertTrue(listed.contains("payload >= 1000 tag 0x7\n"), listed);
        // -C and -D find a rule by its contents, which is its saved text
        jpt("-C", "INPUT", "-m", "srcquota", "!", "--quota", "5000", "--max-sources", "1024", "-j", "DROP");
        assertEquals(1, runInProcess("-C", "INPUT", "-m", "srcquota", "!", "--quota", "5000", "-j", "DROP").status());

        String saved = jpt("save");
        assertTrue(saved.contains("-A INPUT -m srcquota ! --quota 5000 --max-sources 1024 -j DROP\n"), saved);
        Path file = Files.writeString(tmp.resolve("saved.rules"), saved);
        jpt("-F");
        assertEquals("-P INPUT ACCEPT\n", jpt("-S", "INPUT"));
        jpt("restore", file.toString());
        assertEquals(rules, jpt("-S", "INPUT"));
        assertFalse(Files.exists(pcap), "no packet has been through the rule yet");

        jpt("-D", "INPUT", "-m", "srcquota", "!", "--quota", "5000", "--max-sources", "1024", "-j", "DROP");
        assertFalse(jpt("-S", "INPUT").contains("--max-sources"));
    }

    @Test
    void parseErrorsAreIptablesOneLiners() throws Exception {
        Result r = run("jptables", "-A", "INPUT", "-m", "srcquota", "--quota", "lots");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.out().startsWith("jptables v1.8.9 (legacy): srcquota: bad value for option \"--quota\", or out of range"
                + " (1-281474976710655).\n"), r.out());
        r = run("jptables", "-A", "INPUT", "-j", "PCAPLOG", "--file", "relative.pcap");
        assertEquals(2, r.status(), r.out());
        assertTrue(r.out().startsWith("jptables v1.8.9 (legacy): PCAPLOG: option \"--file\" needs an absolute path, not"
                + " \"relative.pcap\".\n"), r.out());
        assertEquals("-P INPUT ACCEPT\n", jpt("-S", "INPUT"));
    }

    @Test
    void replayCutsEachSourceOffAtItsQuotaAndWritesThePcap() throws Exception {
        Path pcap = tmp.resolve("within-quota.pcap");
        // 120 bytes per source: three 40-byte SYNs each; past them, the policy drops
        jpt("-P", "INPUT", "DROP");
        jpt("-A", "INPUT", "-m", "srcquota", "--quota", "120", "-j", "PCAPLOG", "--file", pcap.toString());
        jpt("-A", "INPUT", "-m", "srcquota", "--quota", "120", "-j", "ACCEPT");
        jpt("-A", "INPUT", "-m", "window", "--min-payload", "100", "-j", "WINDOW", "--tag", "7");
        String a = "{\"in\":\"eth0\",\"src\":\"203.0.113.9\",\"dst\":\"198.18.0.1\",\"proto\":\"tcp\",\"dport\":22}";
        String b = "{\"in\":\"eth0\",\"src\":\"203.0.113.10\",\"dst\":\"198.18.0.1\",\"proto\":\"tcp\",\"dport\":22}";
        String bigA = "{\"in\":\"eth0\",\"src\":\"203.0.113.9\",\"dst\":\"198.18.0.1\",\"proto\":\"udp\",\"dport\":53,\"len\":200}";
        Path packets = Files.write(tmp.resolve("packets.jsonl"), List.of(a, a, a, a, b, a, bigA));
        List<JsonNode> results = ok("jptables", "replay", "--packets", packets.toString(), "--json").lines()
                .map(ExamplesIT::json).toList();
        assertEquals(List.of("ACCEPT", "ACCEPT", "ACCEPT", "DROP", "ACCEPT", "DROP", "DROP"),
                results.stream().map(r -> r.get("verdict").asText()).toList());
        assertEquals(List.of(1, 2), rules(results.get(0), "INPUT"));
        assertEquals(List.of(), rules(results.get(3), "INPUT"));
        assertEquals(List.of(1, 2), rules(results.get(4), "INPUT"));
        // the generated plugin's match sees the 228-byte UDP packet (208 bytes after the IPv4 header)
        assertEquals(List.of(3), rules(results.get(6), "INPUT"));

        // the pcap file holds the packets within quota, and is a capture jptables itself can read
        List<Integer> sources = pcapSources(pcap);
        assertEquals(List.of(0xCB007109, 0xCB007109, 0xCB007109, 0xCB00710A), sources);
        Path empty = Files.writeString(tmp.resolve("empty.rules"), "*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n");
        JsonNode summary = json(ok("jptables", "replay", pcap.toString(), "--rules", empty.toString(), "--json").strip());
        assertEquals(4, summary.get("packets").asInt());
        assertEquals(160, summary.get("bytes").asInt());

        // the replay added its counters to the state, as traffic through the kernel does
        String counted = jpt("-L", "INPUT", "-n", "-v", "-x");
        assertTrue(counted.matches("(?s).*\\n\\s+4\\s+160 PCAPLOG .*"), counted);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static List<Integer> rules(JsonNode result, String chain) {
        List<Integer> out = new ArrayList<>();
        for (JsonNode m : result.get("matched")) {
            if (m.get("table").asText().equals("filter") && m.get("chain").asText().equals(chain)) {
                out.add(m.get("rule").asInt());
            }
        }
        return out;
    }

    /** The IPv4 source address of each record of a little-endian RAW pcap file. */
    private static List<Integer> pcapSources(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B2C3D4, b.getInt(0));
        assertEquals(101, b.getInt(20));
        List<Integer> sources = new ArrayList<>();
        int at = 24;
        while (at < b.limit()) {
            int captured = b.getInt(at + 8);
            sources.add(b.order(ByteOrder.BIG_ENDIAN).getInt(at + 16 + 12));
            b.order(ByteOrder.LITTLE_ENDIAN);
            at += 16 + captured;
        }
        return sources;
    }
}
