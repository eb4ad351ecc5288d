package org.jptables.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jptables.commands.Main;
import org.jptables.commands.Settings;
import org.jptables.commands.control.ControlProtocol;

/**
 * A control server on a temporary folder's socket, serving an {@link InMemoryLive} loaded from a state
 * file, and clients that run {@link Main} with paths of their own (which the daemon must ignore).
 */
final class TestDaemon implements AutoCloseable {
    final Path dir;
    final Path socket;
    final Path state;
    final Map<String, String> daemonEnv;
    final Settings settings;
    final InMemoryLive live;
    final Map<String, String> clientEnv;
    ControlServer server;

    /** One invocation's result. */
    record Run(int status, String out, String err) {
    }

    TestDaemon(Path dir, String initialRules, Path plugins, ControlServer.PolicyFactory peers)
            throws IOException, Settings.UsageError {
        this.dir = dir;
        this.socket = dir.resolve("run/ctl.sock");
        this.state = dir.resolve("daemon.rules");
        Files.writeString(state, initialRules);
        daemonEnv = Map.of("JPTABLES_HOME", dir.toString(), "JPTABLES_STATE", state.toString(),
                "JPTABLES_PLUGINS", plugins.toString(), "JPTABLES_CONTROL", socket.toString());
        settings = Settings.from(List.of(), daemonEnv);
        live = new InMemoryLive(StateFile.load(settings, System.err));
        server = ControlServer.start(settings, daemonEnv, live, peers, ControlProtocol.ANSWER_TIMEOUT);
        clientEnv = new HashMap<>(Map.of("JPTABLES_CONTROL", socket.toString(),
                "JPTABLES_STATE", dir.resolve("client.rules").toString(),
                "JPTABLES_PLUGINS", dir.resolve("client-plugins").toString()));
    }

    /** A daemon serving root and the socket's owner, as {@code jptables daemon} does. */
    TestDaemon(Path dir, String initialRules) throws IOException, Settings.UsageError {
        this(dir, initialRules, dir.resolve("plugins"), PeerPolicy::rootAnd);
    }

    Run run(InputStream stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stdin);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The words of {@code line} run by a client. */
    Run cli(String line) {
        return run(new ByteArrayInputStream(new byte[0]), clientEnv, line.split(" "));
    }

    /** A client's command that must succeed; its output. */
    String ok(String line) {
        Run r = cli(line);
        assertEquals(0, r.status(), line + ": " + r.err());
        return r.out();
    }

    /** The same command without a daemon, on a copy of the daemon's state file as it is now. */
    Run offline(String line) throws IOException {
        Path scratch = dir.resolve("scratch-" + System.nanoTime() + ".rules");
        Files.copy(state, scratch);
        return run(new ByteArrayInputStream(new byte[0]), Map.of("JPTABLES_STATE", scratch.toString(),
                "JPTABLES_PLUGINS", settings.plugins().toString(), "JPTABLES_OFFLINE", "1"), line.split(" "));
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
