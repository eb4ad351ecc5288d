package org.jptables.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.jptables.capture.CaptureReader;
import org.jptables.capture.CaptureRecord;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fleet's figures equal the sequential {@code jptables replay} runs of its hosts, one by one:
 * per host and per rule, per policy and per verdict, and fleet-wide their sums; in both modes (in
 * diff, the host's own ruleset and the candidate each), at parallelism 1 and 2, on the MiniCluster.
 */
class FleetJobTest {
    @TempDir
    static Path dir;
    static Path plugins;
    static FleetManifest manifest;
    /** Per host: the sequential replays through its rules, and through its candidate. */
    static final Map<String, SequentialReplays.Figures> OWN = new TreeMap<>();
    static final Map<String, SequentialReplays.Figures> CANDIDATE = new TreeMap<>();

    @BeforeAll
    static void fleetAndReference() throws Exception {
        // the plugins are on the test class path: the directory is empty, as the loader allows
        plugins = Files.createDirectories(dir.resolve("plugins"));
        FleetGenerator.Fleet fleet = FleetGenerator.write(dir.resolve("fleet"), 4, 192 << 10, 3, 7);
        manifest = FleetManifest.read(fleet.manifest());
        for (HostSpec h : manifest.specs(fleet.manifest().getParent(), true)) {
            OWN.put(h.name, SequentialReplays.replay(h, h.rulesSource, dir.resolve("ref/" + h.name + "/own"), plugins));
            CANDIDATE.put(h.name, SequentialReplays.replay(h, h.candidateSource,
                    dir.resolve("ref/" + h.name + "/candidate"), plugins));
        }
    }

    @ParameterizedTest(name = "{0} at parallelism {1}")
    @CsvSource({"replay, 1", "replay, 2", "diff, 1", "diff, 2"})
    void equalsTheSequentialReplays(String mode, int parallelism) throws Exception {
        boolean diff = mode.equals("diff");
        Path base = dir.resolve("fleet");
        List<HostSpec> hosts = manifest.specs(base, diff);
        FleetOptions options = new FleetOptions(diff, plugins.toString(), true, false,
                diff ? dir.resolve("out-" + parallelism + "/differing").toString() : null, false);
        FleetResults results;
        try (EmbeddedCluster cluster = new EmbeddedCluster(parallelism)) {
            results = new FleetResults(FleetJob.run(cluster.environment(parallelism), hosts, options, parallelism));
        }
        assertEqualsReference(results, "rules", OWN);
        if (diff) {
            assertEqualsReference(results, "candidate", CANDIDATE);
            long differing = 0;
            for (HostSpec h : hosts) {
                long host = results.get("diff", h.name, "diff", "packets")[0];
                differing += host;
                long verdictChanged = 0;
                for (var v : results.of("diff-verdicts", h.name, "diff").entrySet()) {
                    String[] pair = v.getKey().split(" -> ");
                    verdictChanged += pair[0].equals(pair[1]) ? 0 : v.getValue()[0];
                }
                assertEquals(results.get("diff", h.name, "diff", "verdict")[0], verdictChanged, h.name);
            }
            assertEquals(differing, results.get("diff", FleetRecord.FLEET, "diff", "packets")[0]);
            for (HostSpec h : hosts) {
                assertEquals(results.get("diff", h.name, "diff", "packets")[0],
                        frames(Path.of(options.diffPcaps(), h.name + ".pcap")), h.name + ": the differing packets' pcap");
            }
            assertTrue(differing > 0, "the candidate changes something");
        }
    }

    /**
     * A task that fails is run again by Flink, and the results do not change: one host's first
     * capture is missing when the job starts (its task fails), and is put back once the job reports
     * the failure; the second attempt replays the host from its start.
     */
    @Test
    void aFailedTaskRunsAgainWithTheSameResults() throws Exception {
        List<HostSpec> hosts = manifest.specs(dir.resolve("fleet"), false);
        Path capture = Path.of(hosts.get(1).captures[0]);
        Path away = capture.resolveSibling("away.pcap");
        Files.move(capture, away);
        FleetOptions options = new FleetOptions(false, plugins.toString(), true, false, null, false);
        FleetResults results;
        try (EmbeddedCluster cluster = new EmbeddedCluster(2)) {
            Thread restorer = Thread.ofVirtual().start(() -> putBackAfterAFailure(cluster, away, capture));
            try {
                results = new FleetResults(FleetJob.run(cluster.environment(2), hosts, options, 2));
            } finally {
                restorer.join();
            }
        }
        assertEqualsReference(results, "rules", OWN);
    }

    /**
     * Waits until the job's exception history holds the failure, then moves the capture back (in any
     * case). Asked of the dispatcher itself: the REST API serves a copy up to 3 s old, longer than the
     * 1 s before Flink runs the task again.
     */
    private static void putBackAfterAFailure(EmbeddedCluster cluster, Path away, Path capture) {
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (JobStatusMessage job : cluster.miniCluster().listJobs().get()) {
                    if (cluster.miniCluster().getExecutionGraphInfo(job.getJobId()).get()
                            .getExceptionHistory().iterator().hasNext()) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            System.err.println("no failure seen in the job's exception history");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                Files.move(away, capture);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * On a standalone cluster of separate JVMs (a JobManager, two task managers of one slot each),
     * the job submitted through Flink's client as to any remote cluster: the same figures.
     */
    @Test
    void equalsTheSequentialReplaysOnAStandaloneCluster() throws Exception {
        List<HostSpec> hosts = manifest.specs(dir.resolve("fleet"), true);
        FleetOptions options = new FleetOptions(true, plugins.toString(), true, false, null, false);
        try (StandaloneCluster cluster = new StandaloneCluster(Path.of("target", "standalone-cluster"), 2)) {
            Configuration conf = new Configuration();
            conf.set(RestOptions.ADDRESS, "127.0.0.1");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment("127.0.0.1",
                    cluster.restPort(), conf);
            FleetResults results = new FleetResults(FleetJob.run(env, hosts, options, 2));
            assertEqualsReference(results, "rules", OWN);
            assertEqualsReference(results, "candidate", CANDIDATE);
        }
    }

    private static void assertEqualsReference(FleetResults results, String ruleset,
                                              Map<String, SequentialReplays.Figures> reference) {
        Map<String, List<Long>> fleetVerdicts = new TreeMap<>();
        long packets = 0;
        for (var e : reference.entrySet()) {
            String host = e.getKey();
            SequentialReplays.Figures want = e.getValue();
            assertEquals(want.packets(), results.get("total", host, ruleset, "ipv4")[0], host + " packets");
            assertEquals(want.bytes(), results.get("total", host, ruleset, "ipv4")[1], host + " bytes");
            assertEquals(want.verdicts(), asLists(results.of("verdict", host, ruleset)), host + " verdicts");
            assertEquals(want.counters(), counters(results, host, ruleset), host + " rules and policies");
            packets += want.packets();
            want.verdicts().forEach((k, v) -> fleetVerdicts.merge(k, v,
                    (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1))));
        }
        assertEquals(packets, results.get("total", FleetRecord.FLEET, ruleset, "ipv4")[0], "fleet packets");
        assertEquals(fleetVerdicts, asLists(results.of("verdict", FleetRecord.FLEET, ruleset)), "fleet verdicts");
        // fleet-wide, a rule counts what it counted on every host that has it
        Map<String, List<Long>> perRule = new TreeMap<>();
        for (FleetRecord r : results.records()) {
            if (r.kind.equals("rule") && !r.host.equals(FleetRecord.FLEET) && r.ruleset.equals(ruleset)) {
                perRule.merge(r.key, List.of(r.packets, r.bytes),
                        (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
            }
        }
        assertEquals(perRule, asLists(results.of("rule", FleetRecord.FLEET, ruleset)), "fleet-wide rules");
    }

    /** The fleet's rule and policy records keyed as {@link SequentialReplays#counters} keys save -c. */
    private static Map<String, List<Long>> counters(FleetResults results, String host, String ruleset) {
        Map<String, List<Long>> counters = new TreeMap<>();
        for (FleetRecord r : results.records()) {
            if (!r.host.equals(host) || !r.ruleset.equals(ruleset)) {
                continue;
            }
            String[] f = r.key.split(" ");
            if (r.kind.equals("rule")) {
                counters.put(f[0] + " " + f[2] + " " + r.position, List.of(r.packets, r.bytes));
            } else if (r.kind.equals("policy")) {
                counters.put(f[0] + " " + f[1] + " policy", List.of(r.packets, r.bytes));
            }
        }
        return counters;
    }

    private static long frames(Path pcap) throws IOException {
        long n = 0;
        try (CaptureReader reader = CaptureReader.open(pcap)) {
            CaptureRecord r = new CaptureRecord();
            while (reader.next(r)) {
                n++;
            }
        }
        return n;
    }

    private static Map<String, List<Long>> asLists(Map<String, long[]> figures) {
        Map<String, List<Long>> m = new TreeMap<>();
        figures.forEach((k, v) -> m.put(k, List.of(v[0], v[1])));
        return m;
    }

}
