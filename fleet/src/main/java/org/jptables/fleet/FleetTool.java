package org.jptables.fleet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.jptables.commands.Settings;
import org.jptables.kernel.eval.EvalMode;

/**
 * {@code jptables fleet [replay|diff] MANIFEST.yaml [--out DIR] [--parallelism N] [--pcaps] [--quiet-host]
 * [--ignore-checksums] [--quiet] [--eval MODE]} and {@code jptables fleet generate DIR [...]} (see {@link FleetGenerator}).
 * Runs the fleet job on Flink's MiniCluster inside this process, writes {@code DIR/fleet.jsonl} and
 * {@code DIR/fleet.csv} (and with {@code --pcaps}, in diff, {@code DIR/differing/HOST.pcap}) and
 * prints the summary.
 */
public final class FleetTool {
    private static final String PROGRAM = "jptables";
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Where where;

    /** Where the job runs: an environment for a parallelism (0: the environment's own), and its name for messages. */
    public interface Where extends AutoCloseable {
        StreamExecutionEnvironment environment(int parallelism) throws Exception;

        /** Stops what {@link #environment} started. */
        @Override
        default void close() throws Exception {
        }

        String name();

        /** The plugins directory the tasks load from, given the command's own (--plugins, JPTABLES_PLUGINS...). */
        default String plugins(Path configured) {
            return configured.toAbsolutePath().toString();
        }
    }

    /** The embedded MiniCluster ({@link EmbeddedCluster}), parallelism the number of cores unless told. */
    static final class MiniClusterWhere implements Where {
        private EmbeddedCluster cluster;

        @Override
        public StreamExecutionEnvironment environment(int parallelism) throws Exception {
            cluster = new EmbeddedCluster(parallelism);
            return cluster.environment(parallelism);
        }

        @Override
        public String name() {
            return "Flink's MiniCluster";
        }

        @Override
        public void close() throws Exception {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    public FleetTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, out, err, new MiniClusterWhere());
    }

    public FleetTool(Map<String, String> env, PrintStream out, PrintStream err, Where where) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.where = where;
    }

    public int run(List<String> args) {
        try {
            Settings settings = Settings.from(args, env);
            List<String> rest = new ArrayList<>(settings.args());
            if (rest.isEmpty() || rest.get(0).equals("-h") || rest.get(0).equals("--help")) {
                out.print(usage());
                return rest.isEmpty() ? 2 : 0;
            }
            if (rest.get(0).equals("generate")) {
                return FleetGenerator.run(rest.subList(1, rest.size()), out);
            }
            boolean diff = false;
            if (rest.get(0).equals("replay") || rest.get(0).equals("diff")) {
                diff = rest.remove(0).equals("diff");
            }
            Path manifestFile = null;
            Path outDir = Path.of("fleet-results");
            int parallelism = where instanceof MiniClusterWhere ? Runtime.getRuntime().availableProcessors() : 0;
            boolean pcaps = false;
            boolean quietHost = false;
            boolean ignoreChecksums = false;
            boolean progress = true;
            EvalMode eval = settings.eval();
            SplitMode split = SplitMode.AUTO;
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "--out" -> outDir = Path.of(value(rest, ++i, a));
                    case "--parallelism", "-p" -> parallelism = positive(value(rest, ++i, a), a);
                    case "--pcaps" -> pcaps = true;
                    case "--quiet-host" -> quietHost = true;
                    case "--ignore-checksums" -> ignoreChecksums = true;
                    case "--quiet" -> progress = false;
                    case "--eval" -> eval = Settings.evalMode(value(rest, ++i, a));
                    case "--split" -> split = splitMode(value(rest, ++i, a));
                    default -> {
                        if (a.startsWith("-") || manifestFile != null) {
                            throw new Settings.UsageError("fleet: unknown argument \"" + a + "\"");
                        }
                        manifestFile = Path.of(a);
                    }
                }
            }
            if (manifestFile == null) {
                throw new Settings.UsageError("fleet: give the fleet's manifest: fleet [replay|diff] MANIFEST.yaml");
            }
            FleetManifest manifest = FleetManifest.read(manifestFile);
            Path base = manifestFile.toAbsolutePath().getParent();
            List<HostSpec> hosts = manifest.specs(base, diff);
            Path plugins = EmbeddedPlugins.directory(where.plugins(settings.plugins()));
            for (HostSpec h : hosts) {
                HostKernel.check(h, plugins);
            }
            Files.createDirectories(outDir);
            FleetOptions options = new FleetOptions(diff, where.plugins(settings.plugins()),
                    manifest.checksummed() && !ignoreChecksums, manifest.quiet() || quietHost,
                    diff && pcaps ? outDir.resolve("differing").toAbsolutePath().toString() : null, progress, eval);
            for (HostSpec h : hosts) {
                SplitPlanner.plan(h, split, SplitPlanner.THRESHOLD, options, plugins);
                if (progress) {
                    err.printf("fleet: %s: %s%n", h.name, h.splitReason);
                }
            }
            FleetResults results;
            double seconds;
            try (Where w = where) {
                StreamExecutionEnvironment flink = w.environment(parallelism);
                if (parallelism == 0) {
                    parallelism = flink.getParallelism();
                }
                if (progress) {
                    err.printf("fleet: %s of %d hosts on %s, parallelism %d%n", diff ? "diff" : "replay",
                            hosts.size(), w.name(), parallelism);
                }
                long start = System.nanoTime();
                results = new FleetResults(FleetJob.run(flink, hosts, options, parallelism));
                seconds = (System.nanoTime() - start) / 1e9;
            }
            results.writeJsonLines(outDir.resolve("fleet.jsonl"));
            results.writeCsv(outDir.resolve("fleet.csv"));
            out.print(FleetSummary.text(results, diff, seconds));
            out.print("\nresults: " + outDir.resolve("fleet.jsonl") + ", " + outDir.resolve("fleet.csv")
                    + (options.diffPcaps() != null ? ", " + options.diffPcaps() + "/HOST.pcap" : "") + "\n");
            return 0;
        } catch (Settings.UsageError e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 2;
        } catch (IOException e) {
            err.print(PROGRAM + ": fleet: " + e.getMessage() + "\n");
            return 1;
        } catch (Exception e) {
            // a failed job: Flink wraps the task's exception in its own; a host's failure names the host
            String host = HostFailure.in(e);
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            err.print(PROGRAM + ": fleet: the job failed: " + (host != null ? host : root.toString()) + "\n");
            return 1;
        }
    }

    static String usage() {
        return """
                Usage: jptables fleet [replay|diff] MANIFEST.yaml [--out DIR] [--parallelism N] [--pcaps]
                                      [--quiet-host] [--ignore-checksums] [--quiet] [--eval linear|compiled]
                                      [--split auto|host|connection]
                       jptables fleet generate DIR [--hosts N] [--size SIZE] [--files N] [--seed N] [--pcapng]

                Replays every host's captures, in order, through its own ruleset on Flink (the MiniCluster
                in this process; N tasks, default the number of cores). replay: counters per rule and
                policy, verdicts and dropped sources, per host and fleet-wide. diff: also through the
                candidate ruleset, and the packets it treats otherwise (--pcaps: DIR/differing/HOST.pcap).
                Writes DIR/fleet.jsonl and DIR/fleet.csv (DIR: fleet-results) and prints a summary.
                generate: a fleet of hosts with different rulesets and generated office traffic, its
                manifest DIR/fleet.yaml and a candidate ruleset. --split: a host whose ruleset keeps no
                state shared between connections may be read in byte ranges and replayed by conversation
                on every task, with the same results (auto: hosts of 256 MiB or more). See docs/fleet.md.
                """;
    }

    private static SplitMode splitMode(String text) throws Settings.UsageError {
        return switch (text) {
            case "auto" -> SplitMode.AUTO;
            case "host" -> SplitMode.HOST;
            case "connection" -> SplitMode.CONNECTION;
            default -> throw new Settings.UsageError("fleet: --split wants auto, host or connection, not \"" + text + "\"");
        };
    }

    private static String value(List<String> args, int i, String option) throws Settings.UsageError {
        if (i >= args.size()) {
            throw new Settings.UsageError("fleet: option \"" + option + "\" requires an argument");
        }
        return args.get(i);
    }

    private static int positive(String text, String option) throws Settings.UsageError {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new Settings.UsageError("fleet: " + option + " wants a positive number, not \"" + text + "\"");
    }
}
