package org.jptables.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The Flink job, in batch execution mode:
 *
 * <pre>
 *   hosts (the manifest's) --[by host, balanced]--> replay (a kernel per host, packets in order)
 *         --> per host, and fleet-wide copies --[by figure]--> sum --> collected by the client
 * </pre>
 *
 * Every operator is given the parallelism itself: in batch mode a keyed operator left to the
 * default ran as one task. The same pipeline runs on the embedded MiniCluster ({@link EmbeddedCluster}) or on
 * whatever environment {@code flink run} provides.
 */
public final class FleetJob {
    /** The kind of the record that tells how a host was replayed, and why ({@link SplitPlanner}). */
    public static final String SPLIT = "split";
    private FleetJob() {
    }

    /**
     * The configuration of an embedded cluster with {@code parallelism} slots: every server bound to
     * 127.0.0.1 (left alone, the REST and blob servers listen on every interface), on ports the
     * system picks.
     */
    static Configuration localConfiguration(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        return conf;
    }

    /** Builds the job on {@code env}, runs it and returns every figure, per host and fleet-wide. */
    public static List<FleetRecord> run(StreamExecutionEnvironment env, List<HostSpec> hosts, FleetOptions options,
                                        int parallelism) throws Exception {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        // a failed task runs again (twice at most); the replay is deterministic, so its records do not change
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        env.configure(restart);
        List<HostSpec> whole = hosts.stream().filter(h -> !h.split).toList();
        List<HostSpec> split = hosts.stream().filter(h -> h.split).toList();
        DataStream<FleetRecord> perHost = null;
        if (!whole.isEmpty()) {
            perHost = env.fromData(whole, TypeInformation.of(HostSpec.class)).name("hosts")
                    .partitionCustom(new HostBalancer(whole, parallelism), (HostSpec h) -> h.name)
                    .process(new HostReplayFunction(options)).name("replay").setParallelism(parallelism)
                    .returns(FleetRecord.class);
        }
        if (!split.isEmpty()) {
            DataStream<FleetRecord> conversations = SplitStages.build(env, split, options, parallelism);
            perHost = perHost == null ? conversations : perHost.union(conversations);
        }
        DataStream<FleetRecord> fleetWide = perHost.filter(r -> !SplitChecks.isCheck(r)).name("figures")
                .setParallelism(parallelism).map(FleetRecord::fleetWide).name("fleet-wide")
                .setParallelism(parallelism).returns(FleetRecord.class);
        List<FleetRecord> collected = new ArrayList<>();
        try (CloseableIterator<FleetRecord> it = perHost.union(fleetWide)
                .keyBy(FleetRecord::groupKey)
                .reduce(FleetRecord::sum).name("sum").setParallelism(parallelism)
                .executeAndCollect("jptables fleet " + (options.diff() ? "diff" : "replay"))) {
            it.forEachRemaining(collected::add);
        }
        List<FleetRecord> records = new ArrayList<>();
        List<FleetRecord> checks = new ArrayList<>();
        for (FleetRecord r : collected) {
            (SplitChecks.isCheck(r) ? checks : records).add(r);
        }
        Map<String, String> proofs = SplitChecks.verify(checks);
        for (HostSpec h : hosts) {
            String proof = proofs.get(h.name);
            records.add(new FleetRecord(SPLIT, h.name, "rules", h.splitReason == null ? "per host"
                    : h.splitReason + (proof != null ? "; " + proof : ""), 0, 0, 0));
        }
        return records;
    }
}
