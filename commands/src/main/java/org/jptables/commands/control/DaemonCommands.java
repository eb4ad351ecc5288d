package org.jptables.commands.control;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.jptables.commands.Settings;

/**
 * {@code jptables daemon reload} and {@code jptables daemon status}: questions to the running daemon,
 * which the daemon's own tool may also hand over here.
 */
public final class DaemonCommands {
    private static final String PROGRAM = "jptables";

    private DaemonCommands() {
    }

    /** Whether {@code word} (the first after {@code daemon}) is one of these commands. */
    public static boolean handles(String word) {
        return word.equals("reload") || word.equals("status");
    }

    /**
     * Runs {@code daemon reload} or {@code daemon status}: {@code args} are the words after {@code daemon},
     * jptables' own options ({@code --control SOCKET}) leading.
     */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = Settings.from(args, env);
        } catch (Settings.UsageError e) {
            err.print(PROGRAM + ": daemon: " + e.getMessage() + "\n");
            return e instanceof Settings.ConfigError ? 1 : 2;
        }
        List<String> words = settings.args();
        if (words.isEmpty() || !handles(words.get(0))) {
            err.print(PROGRAM + ": daemon: reload or status expected\n");
            return 2;
        }
        String what = words.get(0);
        if (words.size() > 1) {
            err.print(PROGRAM + ": daemon " + what + ": unexpected argument \"" + words.get(1) + "\"\n");
            return 2;
        }
        return ask(what.equals("reload") ? ControlKind.RELOAD_PLUGINS : ControlKind.STATUS,
                new DaemonClient(settings.control()), env, out, err);
    }

    /** Asks the daemon {@code kind} (RELOAD_PLUGINS or STATUS), prints its answer and returns its status. */
    public static int ask(ControlKind kind, DaemonClient client, Map<String, String> env, PrintStream out,
                          PrintStream err) {
        try {
            ControlResponse response = client.request(kind, List.of(), env, new byte[0]);
            DaemonForwarding.print(response, out, err);
            return response.status();
        } catch (DaemonClient.NoDaemonException e) {
            err.print(PROGRAM + ": daemon: no daemon listens on " + client.socket() + "\n");
            return 1;
        } catch (IOException e) {
            err.print(DaemonForwarding.problem(PROGRAM, client.socket(), e) + "\n");
            return ControlResponse.DAEMON_PROBLEM;
        }
    }
}
