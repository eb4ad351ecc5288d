package org.jptables.kernel.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code jptables} command: iptables' syntax, plus the tools {@code save} and {@code restore}
 * (what bin/jptables-save and bin/jptables-restore run).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // PF4J's own messages are multi-line; the loader reports each bad jar in one line instead
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", System.getProperty("org.slf4j.simpleLogger.log.org.pf4j", "off"));
        int status = run(Arrays.asList(args), System.getenv(), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one invocation in-process and returns its exit status. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            switch (args.get(0)) {
                case "save":
                    return new SaveTool(env, out, err).run(args.subList(1, args.size()));
                case "restore":
                    return new RestoreTool(env, out, err).run(args.subList(1, args.size()));
                case "replay":
                    return new ReplayTool(env, out, err).run(args.subList(1, args.size()));
                case "graph":
                    return new GraphTool(env, out, err).run(args.subList(1, args.size()));
                case "sample":
                    return new SampleTool(out, err).run(args.subList(1, args.size()));
                default:
                    break;
            }
        }
        return new IptablesTool(env, out, err).run(args);
    }
}
