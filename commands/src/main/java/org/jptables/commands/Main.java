package org.jptables.commands;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jptables.commands.control.DaemonCommands;
import org.jptables.commands.control.DaemonForwarding;

/**
 * The {@code jptables} command: iptables' syntax, plus the tools {@code save}, {@code restore} and
 * {@code ipset} and {@code nfacct} (what bin/jptables-save, bin/jptables-restore, bin/jptables-ipset
 * and bin/jptables-nfacct run), the
 * offline tools (replay, graph, ...) and {@code daemon}.
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

    /** Runs one invocation in-process, standard input being {@link System#in}, and returns its exit status. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, System.in);
    }

    /**
     * Runs one invocation in-process and returns its exit status. While a live daemon listens on the
     * control socket (and neither {@code --offline} nor {@code JPTABLES_OFFLINE} says otherwise), the
     * iptables command line, save and restore are run by the daemon on its live ruleset; the other
     * tools always work here.
     */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err,
                          InputStream stdin) {
        // jptables' own options (--state, --plugins, --control, --offline) may lead any command: the
        // tool is named after them
        int at = Settings.ownOptions(args);
        if (at < args.size()) {
            List<String> rest = new ArrayList<>(args.subList(0, at));
            rest.addAll(args.subList(at + 1, args.size()));
            switch (args.get(at)) {
                case "save":
                    return onRuleset("save", rest, env, out, err, stdin);
                case "restore":
                    return onRuleset("restore", rest, env, out, err, stdin);
                case "ipset":
                    return new IpsetCommand(env, out, err, stdin).run(rest);
                case "nfacct":
                    return new NfacctCommand(env, out, err).run(rest);
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
                case "daemon":
                    return daemon(rest, env, out, err);
                default:
                    break;
            }
        }
        return onRuleset("", args, env, out, err, stdin);
    }

    /**
     * Whether {@code args} is a command of the iptables command line, save or restore: what a live
     * daemon runs for its clients (the other tools work offline, and the daemon is not started twice).
     */
    public static boolean actsOnRuleset(List<String> args) {
        int at = Settings.ownOptions(args);
        if (at >= args.size()) {
            return true;
        }
        return switch (args.get(at)) {
            case "replay", "--packet", "packet", "conformance", "graph", "sample", "fleet", "daemon" -> false;
            default -> true;
        };
    }

    /**
     * The iptables command line ({@code tool} ""), {@code save} or {@code restore}: run by the live
     * daemon while one listens, else here. Plain strings rather than an enum: one class fewer to load
     * for every command.
     */
    private static int onRuleset(String tool, List<String> args, Map<String, String> env, PrintStream out,
                                 PrintStream err, InputStream stdin) {
        Settings settings;
        try {
            settings = Settings.from(args, env);
        } catch (Settings.UsageError e) {
            // the tool says what is wrong, in its own words
            return runHere(tool, null, args, env, out, err, stdin);
        }
        // a file-existence test, nothing more, when no daemon runs: commands start as fast as before
        if (settings.offline() || !Files.exists(settings.control())) {
            return runHere(tool, settings, args, env, out, err, stdin);
        }
        List<String> words = new ArrayList<>();
        if (!tool.isEmpty()) {
            words.add(tool);
        }
        byte[] input = new byte[0];
        if (tool.equals("restore")) {
            RestoreTool.Input restoreInput = RestoreTool.input(settings.args());
            try {
                input = restoreInput.read(stdin);
            } catch (IOException e) {
                // restore reads its file before it touches any ruleset: its message is the same here
                return runHere(tool, settings, args, env, out, err, new ByteArrayInputStream(new byte[0]));
            }
            // the daemon reads the file's lines from its standard input, whatever its own directory
            words.addAll(restoreInput.wordsWithoutFile());
        } else {
            words.addAll(settings.args());
        }
        String program = tool.isEmpty() ? "jptables" : "jptables-" + tool;
        Integer status = DaemonForwarding.forward(program, settings.control(), words, env, input, out, err);
        if (status != null) {
            return status;
        }
        // a socket file left by a daemon that died: the state file, as without a daemon
        return runHere(tool, settings, args, env, out, err, new ByteArrayInputStream(input));
    }

    /** Runs the tool in this process: with {@code settings} read already, or from {@code args} when null. */
    private static int runHere(String tool, Settings settings, List<String> args, Map<String, String> env,
                               PrintStream out, PrintStream err, InputStream stdin) {
        if (tool.equals("save")) {
            SaveTool save = new SaveTool(env, out, err);
            return settings == null ? save.run(args) : save.run(settings);
        }
        if (tool.equals("restore")) {
            RestoreTool restore = new RestoreTool(env, out, err, stdin);
            return settings == null ? restore.run(args) : restore.run(settings);
        }
        IptablesTool iptables = new IptablesTool(env, out, err);
        return settings == null ? iptables.run(args) : iptables.run(settings);
    }

    /**
     * {@code jptables daemon}: {@code reload} and {@code status} ask the running daemon; anything else
     * is the live module's tool, looked up by name because that module depends on this one.
     */
    private static int daemon(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        int at = Settings.ownOptions(args);
        if (at < args.size() && DaemonCommands.handles(args.get(at))) {
            return DaemonCommands.run(args, env, out, err);
        }
        try {
            Object tool = Class.forName("org.jptables.live.DaemonTool")
                    .getConstructor(Map.class, PrintStream.class, PrintStream.class).newInstance(env, out, err);
            return (int) tool.getClass().getMethod("run", List.class).invoke(tool, args);
        } catch (ClassNotFoundException e) {
            err.print("jptables: daemon: the live module is not on the class path\n");
            return 1;
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
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
