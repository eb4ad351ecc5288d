package org.jptables.fleet;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job jar's entry point, for {@code flink run jptables-fleet-job.jar [replay|diff] MANIFEST.yaml
 * [options]} on a Flink 2.x cluster: the same command as {@code jptables fleet}, on the environment
 * {@code flink run} provides (its {@code -p} is the parallelism unless {@code --parallelism} is
 * given). The plugins come inside the jar and are unpacked on each task manager, unless
 * {@code --plugins DIR} names a directory present on every task manager.
 */
public final class FleetJobMain {
    private FleetJobMain() {
    }

    public static void main(String[] args) {
        boolean pluginsGiven = Arrays.stream(args).anyMatch(a -> a.equals("--plugins") || a.startsWith("--plugins="));
        FleetTool.Where cluster = new FleetTool.Where() {
            @Override
            public StreamExecutionEnvironment environment(int parallelism) {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                if (parallelism > 0) {
                    env.setParallelism(parallelism);
                }
                return env;
            }

            @Override
            public String name() {
                return "the Flink cluster";
            }

            @Override
            public String plugins(Path configured) {
                return pluginsGiven || !EmbeddedPlugins.present() ? configured.toAbsolutePath().toString()
                        : EmbeddedPlugins.EMBEDDED;
            }
        };
        String[] rest = args.length > 0 && args[0].equals("fleet") ? Arrays.copyOfRange(args, 1, args.length) : args;
        int status = new FleetTool(System.getenv(), System.out, System.err, cluster).run(Arrays.asList(rest));
        if (status != 0) {
            // flink run reports a main that throws; an exit status alone would end the client silently
            throw new IllegalStateException("jptables fleet failed (status " + status + ")");
        }
    }
}
