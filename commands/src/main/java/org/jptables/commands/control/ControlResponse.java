package org.jptables.commands.control;

import java.nio.charset.StandardCharsets;

/**
 * The daemon's answer: what the command wrote and its exit status.
 *
 * @param status the exit status
 * @param stdout the bytes of its standard output
 * @param stderr the bytes of its standard error
 */
public record ControlResponse(int status, byte[] stdout, byte[] stderr) {
    /** The exit status of a request the daemon could not serve (iptables' RESOURCE_PROBLEM). */
    public static final int DAEMON_PROBLEM = 4;

    /** Nothing on standard output, {@code message} (one line, without its line end) on standard error. */
    public static ControlResponse failure(int status, String message) {
        return new ControlResponse(status, new byte[0], (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }
}
