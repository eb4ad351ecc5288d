package org.jptables.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hosts split by connection give exactly the figures of the per-host replay: every record (totals,
 * verdicts, rules and policies by position, dropped sources, diff figures), per host and fleet-wide,
 * at parallelism 1 and 2, with captures cut in ranges small enough that every capture has several
 * and most ranges start inside a record. The fleet is generated (a quiet host: the captures hold
 * its answers); of its rulesets, classic and strict keep per-connection state only, web has -m
 * limit and the gateway a nat table, so those two stay per host even when connection is asked for
 * by {@code auto}.
 */
class FleetSplitTest {
    @TempDir
    static Path dir;
    static Path plugins;
    static FleetManifest manifest;
    static Path base;

    @BeforeAll
    static void fleet() throws Exception {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        FleetGenerator.Fleet fleet = FleetGenerator.write(dir.resolve("fleet"), 4, 192 << 10, 3, 11);
        manifest = FleetManifest.read(fleet.manifest());
        base = fleet.manifest().getParent();
    }

    @ParameterizedTest(name = "{0} at parallelism {1}")
    @CsvSource({"replay, 1", "replay, 2", "diff, 1", "diff, 2"})
    void splitByConnectionEqualsPerHost(String mode, int parallelism) throws Exception {
        boolean diff = mode.equals("diff");
        FleetOptions options = new FleetOptions(diff, plugins.toString(), true, true, null, false)
                .withRangeBytes(5000);
        Map<String, String> perHost = run(diff, SplitMode.HOST, options, parallelism);
        Map<String, String> split = run(diff, SplitMode.AUTO, options, parallelism);
        Map<String, String> differing = new TreeMap<>();
        perHost.forEach((k, v) -> {
            if (!v.equals(split.get(k))) {
                differing.put(k, v + " per host, " + split.get(k) + " split");
            }
        });
        split.forEach((k, v) -> {
            if (!perHost.containsKey(k)) {
                differing.put(k, "none per host, " + v + " split");
            }
        });
        assertEquals(Map.of(), differing, "figures that differ");
        assertTrue(split.size() > 100, "a fleet's worth of figures: " + split.size());
    }

    /**
     * The same fleet in pcapng captures (one interface, eth0): split hosts read their files in
     * ranges of pcapng blocks, and every figure equals the per-host run's, and the pcap fleet's.
     */
    @Test
    void pcapngCapturesSplitExactlyToo() throws Exception {
        FleetGenerator.Fleet fleet = FleetGenerator.write(dir.resolve("fleet-ng"), 4, 192 << 10, 3, 11, "eth0");
        FleetManifest ng = FleetManifest.read(fleet.manifest());
        Path ngBase = fleet.manifest().getParent();
        FleetOptions options = new FleetOptions(false, plugins.toString(), true, true, null, false)
                .withRangeBytes(5000);
        Map<String, String> pcap = run(false, SplitMode.HOST, options, 2);
        Map<String, String> perHost = run(ng, ngBase, false, SplitMode.HOST, options, 2);
        Map<String, String> split = run(ng, ngBase, false, SplitMode.AUTO, options, 2);
        assertEquals(perHost, split);
        assertEquals(pcap.values().stream().sorted().toList(), perHost.values().stream().sorted().toList(),
                "the pcap fleet's figures");
    }

    @Test
    void theModeAndItsReasonArePerHost() throws Exception {
        FleetOptions options = new FleetOptions(false, plugins.toString(), true, true, null, false)
                .withRangeBytes(5000);
        List<HostSpec> hosts = plan(false, SplitMode.AUTO, options);
        FleetResults results;
        try (EmbeddedCluster cluster = new EmbeddedCluster(2)) {
            results = new FleetResults(FleetJob.run(cluster.environment(2), hosts, options, 2));
        }
        Map<String, String> modes = new TreeMap<>();
        results.records().stream().filter(r -> r.kind.equals(FleetJob.SPLIT)).forEach(r -> modes.put(r.host, r.key));
        assertTrue(modes.get("fw-01").startsWith("per connection (conntrack only, no shared state); exact: "),
                modes.get("fw-01"));
        assertTrue(modes.get("fw-01").contains("ranges met, shared limits never reached"), modes.get("fw-01"));
        assertEquals("per host: rule 6 of filter INPUT uses -m limit, whose state is shared between connections",
                modes.get("fw-02"));
        assertTrue(modes.get("fw-03").startsWith("per host: the nat table binds connections"), modes.get("fw-03"));
        assertTrue(modes.get("fw-04").startsWith("per connection"), modes.get("fw-04"));
        assertTrue(FleetSummary.text(results, false, 1).contains("host fw-02: per host: rule 6 of filter INPUT uses"
                + " -m limit"));
    }

    @Test
    void aRulesetWithSharedStateIsRefusedForConnectionMode() throws Exception {
        FleetOptions options = new FleetOptions(false, plugins.toString(), true, true, null, false);
        HostSpec web = manifest.specs(base, false).get(1);
        HostFailure e = assertThrows(HostFailure.class,
                () -> SplitPlanner.plan(web, SplitMode.CONNECTION, 0, options, plugins));
        assertEquals("fw-02: cannot be split by connection: rule 6 of filter INPUT uses -m limit, whose state is"
                + " shared between connections", e.getMessage());
        FleetOptions answering = new FleetOptions(false, plugins.toString(), true, false, null, false);
        HostSpec classic = manifest.specs(base, false).get(0);
        HostFailure redirects = assertThrows(HostFailure.class,
                () -> SplitPlanner.plan(classic, SplitMode.CONNECTION, 0, answering, plugins));
        assertTrue(redirects.getMessage().contains("ICMP redirects"), redirects.getMessage());
    }

    private static List<HostSpec> plan(boolean diff, SplitMode mode, FleetOptions options) throws Exception {
        return plan(manifest, base, diff, mode, options);
    }

    private static List<HostSpec> plan(FleetManifest manifest, Path base, boolean diff, SplitMode mode,
            FleetOptions options) throws Exception {
        List<HostSpec> hosts = manifest.specs(base, diff);
        for (HostSpec h : hosts) {
            SplitPlanner.plan(h, mode, 0, options, plugins);
        }
        return hosts;
    }

    /** Every figure but the split records, by its group key. */
    private static Map<String, String> run(boolean diff, SplitMode mode, FleetOptions options, int parallelism)
            throws Exception {
        return run(manifest, base, diff, mode, options, parallelism);
    }

    private static Map<String, String> run(FleetManifest manifest, Path base, boolean diff, SplitMode mode,
            FleetOptions options, int parallelism) throws Exception {
        List<HostSpec> hosts = plan(manifest, base, diff, mode, options);
        if (mode != SplitMode.HOST) {
            assertEquals(2, hosts.stream().filter(h -> h.split).count(), "classic and strict are split");
        }
        Map<String, String> figures = new TreeMap<>();
        try (EmbeddedCluster cluster = new EmbeddedCluster(parallelism)) {
            for (FleetRecord r : FleetJob.run(cluster.environment(parallelism), hosts, options, parallelism)) {
                if (!r.kind.equals(FleetJob.SPLIT)) {
                    figures.put(r.groupKey().replace('\u0000', '|'), r.packets + " " + r.bytes);
                }
            }
        }
        return figures;
    }
}
