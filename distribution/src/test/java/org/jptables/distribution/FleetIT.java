package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.jptables.fleet.StandaloneCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jptables fleet} from the unpacked distribution with no set-up: a generated fleet replayed and
 * diffed on the embedded MiniCluster (the figures themselves are proven in the fleet module's
 * tests); Flink kept off the other commands' class path; the job jar for flink run complete.
 */
class FleetIT {
    @TempDir
    Path tmp;

    private String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Jptables.HOME.resolve("bin").resolve("jptables").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(tmp.toFile());
        pb.environment().put("JPTABLES_STATE", tmp.resolve("state.rules").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void generatesReplaysAndDiffsAFleet() throws Exception {
        String generated = run("fleet", "generate", "data", "--hosts", "2", "--size", "64K", "--files", "2");
        assertTrue(generated.contains("2 hosts"), generated);
        String replay = run("fleet", "data/fleet.yaml", "--out", "replay", "-p", "2");
        assertTrue(replay.contains("fleet: 2 hosts"), replay);
        assertTrue(replay.contains("fw-01") && replay.contains("fw-02"), replay);
        assertTrue(Files.readString(tmp.resolve("replay/fleet.csv")).startsWith("kind,host,ruleset,key,position,packets,bytes"));
        String diff = run("fleet", "diff", "data/fleet.yaml", "--out", "diff", "--pcaps", "--quiet");
        assertTrue(diff.contains("== differences: "), diff);
        assertTrue(Files.exists(tmp.resolve("diff/differing/fw-01.pcap")), diff);
        assertTrue(Files.readString(tmp.resolve("diff/fleet.jsonl")).contains("\"kind\":\"diff-rules\""));
    }

    /**
     * The job jar as users submit it: a standalone cluster whose JVMs have Flink's jars alone on the
     * class path (lib/fleet/ without jptables, and SLF4J), {@code flink run} (Flink's client,
     * CliFrontend, what Flink's bin/flink runs) with flink/jptables-fleet-job.jar; its results equal
     * the embedded run's, byte for byte.
     */
    @Test
    void flinkRunOfTheJobJarOnAStandaloneClusterGivesTheEmbeddedResults() throws Exception {
        run("fleet", "generate", "data", "--hosts", "2", "--size", "64K", "--files", "2");
        run("fleet", "diff", "data/fleet.yaml", "--out", "embedded", "--quiet", "-p", "2");
        StringBuilder flink = new StringBuilder();
        try (var jars = Files.list(Jptables.HOME.resolve("lib/fleet"))) {
            jars.filter(j -> !j.getFileName().toString().startsWith("fleet-")).sorted()
                    .forEach(j -> flink.append(j).append(java.io.File.pathSeparator));
        }
        try (var jars = Files.list(Jptables.HOME.resolve("lib"))) {
            jars.filter(j -> j.getFileName().toString().startsWith("slf4j-")).sorted()
                    .forEach(j -> flink.append(j).append(java.io.File.pathSeparator));
        }
        try (StandaloneCluster cluster = new StandaloneCluster(Path.of("target", "fleet-it-cluster"), 2, flink.toString())) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // what Flink's config.yaml gives every JVM it starts (env.java.opts.all), as far as the client needs
                    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=error", "-cp", flink.toString(),
                    "org.apache.flink.client.cli.CliFrontend", "run", "-p", "2",
                    Jptables.HOME.resolve("flink/jptables-fleet-job.jar").toString(),
                    "diff", "data/fleet.yaml", "--out", "cluster", "--quiet")
                    .directory(tmp.toFile()).redirectErrorStream(true);
            pb.environment().put("FLINK_CONF_DIR", cluster.configDir().toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains("on the Flink cluster, parallelism 2") || out.contains("== differences"), out);
        }
        assertEquals(Files.readString(tmp.resolve("embedded/fleet.jsonl")), Files.readString(tmp.resolve("cluster/fleet.jsonl")));
    }

    @Test
    void flinkStaysOffTheOtherCommandsClassPath() throws IOException {
        try (var lib = Files.list(Jptables.HOME.resolve("lib"))) {
            assertTrue(lib.noneMatch(p -> p.getFileName().toString().startsWith("flink-")), "Flink in lib/");
        }
        try (var fleet = Files.list(Jptables.HOME.resolve("lib/fleet"))) {
            assertTrue(fleet.anyMatch(p -> p.getFileName().toString().startsWith("flink-runtime-")), "Flink in lib/fleet/");
        }
        try (ZipFile job = new ZipFile(Jptables.HOME.resolve("flink/jptables-fleet-job.jar").toFile())) {
            assertTrue(job.getEntry("org/jptables/fleet/FleetJobMain.class") != null);
            assertTrue(job.getEntry("org/jptables/kernel/path/PacketPath.class") != null);
            assertTrue(job.stream().anyMatch(e -> e.getName().matches("plugins/standard-.*\\.jar")), "the plugins inside");
            assertTrue(job.getEntry("org/apache/flink/runtime/minicluster/MiniCluster.class") == null,
                    "the cluster provides Flink");
        }
    }
}
