package org.jptables.commands;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code jptables} command: iptables' syntax, plus the tools {@code save}, {@code restore} and
 * {@code ipset} (what bin/jptables-save, bin/jptables-restore and bin/jptables-ipset run).
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
        System.err.flush();
        // Every file a command writes is closed by then (try-with-resources) and the state file's
        // lock is released by the operating system: halt spares the 40 ms the JVM's orderly
        // shutdown takes, a sixth of a short command
        Runtime.getRuntime().halt(status);
    }

    /** Runs one invocation in-process and returns its exit status. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        // jptables' own options (--state, --plugins) may lead any command: the tool is named after them
        int at = 0;
        while (at < args.size()) {
            String a = args.get(at);
            if (at + 1 < args.size() && (a.equals("--state") || a.equals("--plugins"))) {
                at += 2;
            } else if (a.startsWith("--state=") || a.startsWith("--plugins=")) {
                at++;
            } else {
                break;
            }
        }
        if (at < args.size()) {
            List<String> rest = new ArrayList<>(args.subList(0, at));
            rest.addAll(args.subList(at + 1, args.size()));
            switch (args.get(at)) {
                case "save":
                    return new SaveTool(env, out, err).run(rest);
                case "restore":
                    return new RestoreTool(env, out, err).run(rest);
                case "ipset":
                    return new IpsetCommand(env, out, err, System.in).run(rest);
                case "replay":
                    return new ReplayTool(env, out, err).run(rest);
                case "--packet", "packet":
                    return new PacketTool(env, out, err).run(rest);
                case "conformance":
                    return new ConformanceTool(env, out, err).run(rest);
                case "graph":
                    return new GraphTool(env, out, err).run(rest);
                case "sample":
                    return new SampleTool(out, err).run(rest);
                case "fleet":
                    return fleet(rest, env, out, err);
                default:
                    break;
            }
        }
        return new IptablesTool(env, out, err).run(args);
    }

    /**
     * {@code jptables fleet}: the fleet module's tool, looked up by name because it depends on this
     * module (and on Flink, whose jars bin/jptables puts on the class path for this command only).
     */
    private static int fleet(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            Object tool = Class.forName("org.jptables.fleet.FleetTool")
                    .getConstructor(Map.class, PrintStream.class, PrintStream.class).newInstance(env, out, err);
            return (int) tool.getClass().getMethod("run", List.class).invoke(tool, args);
        } catch (ClassNotFoundException e) {
            err.print("jptables: fleet: the fleet module is not on the class path (bin/jptables fleet adds lib/fleet)\n");
            return 1;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
