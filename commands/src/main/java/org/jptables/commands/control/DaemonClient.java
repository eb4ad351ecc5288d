package org.jptables.commands.control;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Sends one request to the live daemon listening on a control socket and waits for its answer. */
public final class DaemonClient {
    private final Path socket;
    private final Duration timeout;

    /** A client of the daemon at {@code socket} that waits {@link ControlProtocol#ANSWER_TIMEOUT} for an answer. */
    public DaemonClient(Path socket) {
        this(socket, ControlProtocol.ANSWER_TIMEOUT);
    }

    public DaemonClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    public Path socket() {
        return socket;
    }

    /** {@code kind} with {@code args}, the {@code JPTABLES_*} variables of {@code env} that travel, and {@code stdin}. */
    public ControlResponse request(ControlKind kind, List<String> args, Map<String, String> env, byte[] stdin)
            throws IOException {
        String utf8 = StandardCharsets.UTF_8.name();
        return request(new ControlRequest(kind, args, ControlProtocol.forwardedEnvironment(env), stdin, utf8, utf8));
    }

    /**
     * The daemon's answer to {@code request}.
     *
     * @throws NoDaemonException  when no daemon listens: no socket file, or one left by a daemon that died
     * @throws ControlException.Timeout when the daemon did not answer in time
     * @throws IOException        when the socket cannot be used (its permissions) or the answer is malformed
     */
    public ControlResponse request(ControlRequest request) throws IOException {
        DeadlineChannel channel;
        try {
            channel = DeadlineChannel.connect(socket, timeout);
        } catch (ConnectException e) {
            throw new NoDaemonException(socket, e);
        } catch (IOException e) {
            if (!Files.exists(socket)) {
                throw new NoDaemonException(socket, e);
            }
            throw e;
        }
        try (channel) {
            try {
                ControlProtocol.writeRequest(channel, request);
            } catch (ControlException.TooLarge e) {
                throw e;
            } catch (IOException e) {
                // a daemon that does not serve this user answers at once and closes without reading:
                // its answer, already here, says more than the broken pipe
                try {
                    return ControlProtocol.readResponse(channel);
                } catch (IOException again) {
                    e.addSuppressed(again);
                    throw e;
                }
            }
            return ControlProtocol.readResponse(channel);
        }
    }

    /** Nobody listens on the control socket: the caller works without a daemon. */
    public static final class NoDaemonException extends IOException {
        private static final long serialVersionUID = 1L;

        NoDaemonException(Path socket, Throwable cause) {
            super("no daemon listens on " + socket, cause);
        }
    }
}
