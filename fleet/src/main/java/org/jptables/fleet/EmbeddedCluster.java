package org.jptables.fleet;

import java.net.URI;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code jptables fleet}'s default: Flink's MiniCluster (a JobManager and one TaskManager with a
 * slot per task, threads of this process) bound to 127.0.0.1, and the job submitted to it through
 * Flink's REST client as to any cluster. Started ahead and stopped when closed, so the client reads
 * the results from a cluster that is still up.
 */
final class EmbeddedCluster implements AutoCloseable {
    private final MiniCluster cluster;
    private final URI rest;

    EmbeddedCluster(int parallelism) throws Exception {
        Configuration conf = FleetJob.localConfiguration(parallelism);
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build());
        cluster.start();
        rest = cluster.getRestAddress().get();
    }

    /** The cluster itself, for tests that watch its jobs. */
    MiniCluster miniCluster() {
        return cluster;
    }

    StreamExecutionEnvironment environment(int parallelism) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(),
                rest.getPort(), conf);
        env.setParallelism(parallelism);
        return env;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
