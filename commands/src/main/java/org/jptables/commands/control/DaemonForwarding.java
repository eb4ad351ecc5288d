package org.jptables.commands.control;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A command of the iptables command line, save or restore sent to the live daemon, which runs it on
 * its live ruleset and answers with what the command printed and its exit status; printed here as
 * if the command had run in this process.
 */
public final class DaemonForwarding {
    private DaemonForwarding() {
    }

    /**
     * Runs {@code args} (as {@code Main} takes them, without jptables' own leading options) on the daemon
     * at {@code socket}, and prints its output. Returns the command's exit status, or null when no daemon
     * listens there (a socket file left by one that died): the caller then works on the state file.
     *
     * @param program the command's name for messages ({@code jptables}, {@code jptables-restore}, ...)
     * @param stdin   the command's standard input (restore's ruleset), empty when it reads none
     */
    public static Integer forward(String program, Path socket, List<String> args, Map<String, String> env,
                                  byte[] stdin, PrintStream out, PrintStream err) {
        return forward(program, new DaemonClient(socket), args, env, stdin, out, err);
    }

    static Integer forward(String program, Path socket, Duration timeout, List<String> args, Map<String, String> env,
                           byte[] stdin, PrintStream out, PrintStream err) {
        return forward(program, new DaemonClient(socket, timeout), args, env, stdin, out, err);
    }

    private static Integer forward(String program, DaemonClient client, List<String> args, Map<String, String> env,
                                   byte[] stdin, PrintStream out, PrintStream err) {
        ControlRequest request = new ControlRequest(ControlKind.COMMAND, args,
                ControlProtocol.forwardedEnvironment(env), stdin, out.charset().name(), err.charset().name());
        ControlResponse response;
        try {
            response = client.request(request);
        } catch (DaemonClient.NoDaemonException e) {
            return null;
        } catch (IOException e) {
            err.print(problem(program, client.socket(), e) + "\n");
            return ControlResponse.DAEMON_PROBLEM;
        }
        print(response, out, err);
        return response.status();
    }

    /** Writes the daemon's bytes as they are: the command encoded its text in this process' charsets. */
    static void print(ControlResponse response, PrintStream out, PrintStream err) {
        out.writeBytes(response.stdout());
        out.flush();
        err.writeBytes(response.stderr());
        err.flush();
    }

    /** One line saying why the daemon could not be asked. */
    static String problem(String program, Path socket, IOException e) {
        if (e instanceof ControlException.Timeout) {
            return program + ": the daemon at " + socket + " did not answer";
        }
        if (e instanceof ControlException) {
            return program + ": the daemon at " + socket + ": " + e.getMessage();
        }
        return program + ": " + socket + ": " + e.getMessage()
                + " (the live daemon's control socket; --offline works on the state file)";
    }
}
