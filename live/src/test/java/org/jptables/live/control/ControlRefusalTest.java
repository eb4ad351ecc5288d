package org.jptables.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jptables.commands.Settings;
import org.jptables.commands.control.ControlException;
import org.jptables.commands.control.ControlKind;
import org.jptables.commands.control.ControlProtocol;
import org.jptables.commands.control.ControlResponse;
import org.jptables.commands.control.DaemonClient;
import org.jptables.commands.control.DeadlineChannel;
import org.jptables.live.control.TestDaemon.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the control server refuses: users it does not serve, frames too large or malformed, offline tools. */
class ControlRefusalTest {
    private static final String RULES = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";

    @TempDir
    Path dir;

    private static UserPrincipal user(String name) throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
    }

    private static ControlResponse raw(Path socket, byte[] frame) throws IOException {
        try (DeadlineChannel channel = DeadlineChannel.connect(socket, Duration.ofSeconds(10))) {
            channel.writeFully(ByteBuffer.wrap(frame));
            return ControlProtocol.readResponse(channel);
        }
    }

    @Test
    void aUserTheDaemonDoesNotServeIsRefusedInOneLine() throws Exception {
        UserPrincipal other = user("65534");
        try (TestDaemon d = new TestDaemon(dir, RULES, dir.resolve("plugins"),
                owner -> new PeerPolicy(List.of(other), "uid 65534"))) {
            String me = Files.getOwner(d.socket).getName();
            assertEquals(new Run(4, "", "jptables: the daemon at " + d.socket + " serves only uid 65534, not user " + me
                    + "\n"), d.cli("-A INPUT -j DROP"));
            assertEquals(0, d.live.replaced.get());
            assertEquals(RULES, Files.readString(d.state), "the command never ran");
        }
    }

    @Test
    void theDaemonServesRootAndItsOwnUser() throws IOException {
        PeerPolicy policy = PeerPolicy.rootAnd(user("65534"));
        assertTrue(policy.allows(user("0")));
        assertTrue(policy.allows(user("65534")));
        assertFalse(policy.allows(user("65533")));
        assertEquals("root and " + user("65534").getName(), policy.description());
        assertEquals("root", PeerPolicy.rootAnd(user("0")).description());
    }

    /** Another user on this machine, through the kernel's own credentials: run as nobody by setpriv. */
    @Test
    void anotherUserOfTheMachineIsRefused() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        Path setpriv = Path.of("/usr/bin/setpriv");
        assumeTrue(Files.isExecutable(python) && Files.isExecutable(setpriv),
                "needs /usr/bin/python3 and setpriv to connect as another user");
        assumeTrue(user("0").equals(Files.getOwner(dir)), "needs root to act as another user");
        try (TestDaemon d = new TestDaemon(dir, RULES)) {
            // let nobody reach the socket: the mode is a first fence, the credentials the one tested here
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(d.socket.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(d.socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            String connect = "import socket, sys\n"
                    + "s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)\n"
                    + "s.connect(sys.argv[1])\n"
                    + "data = b''\n"
                    + "while True:\n"
                    + "    chunk = s.recv(65536)\n"
                    + "    if not chunk:\n"
                    + "        break\n"
                    + "    data += chunk\n"
                    + "sys.stdout.buffer.write(data)\n";
            Process p = new ProcessBuilder(setpriv.toString(), "--reuid=65534", "--regid=65534", "--clear-groups",
                    python.toString(), "-c", connect, d.socket.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            byte[] answer = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
            ByteBuffer frame = ByteBuffer.wrap(answer);
            assertEquals(answer.length - 4, frame.getInt());
            frame.position(frame.position() + 5);
            assertEquals(ControlResponse.DAEMON_PROBLEM, frame.getInt());
            assertEquals(0, frame.getInt(), "nothing on stdout");
            byte[] err = new byte[frame.getInt()];
            frame.get(err);
            // uid 65534's name as the system gives it: the owner's name of a file it owns
            Path owned = Files.createFile(dir.resolve("owned"));
            Files.setOwner(owned, user("65534"));
            assertEquals("jptables: the daemon at " + d.socket + " serves only root, not user "
                    + Files.getOwner(owned).getName() + "\n", new String(err, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        try (TestDaemon d = new TestDaemon(dir, RULES)) {
            ControlResponse answer = raw(d.socket, ByteBuffer.allocate(4).putInt(0, 300 << 20).array());
            assertEquals(4, answer.status());
            assertEquals("jptables: daemon: a request of 314572800 bytes is over the control socket's limit of"
                    + " 268435456 bytes (256 MiB)\n", answer.stderrText());
            ControlResponse garbage = raw(d.socket, new byte[] {0, 0, 0, 6, 'H', 'E', 'L', 'L', 'O', '!'});
            assertEquals("jptables: daemon: not a jptables control request (wrong magic number)\n",
                    garbage.stderrText());
            assertEquals(0, d.live.replaced.get());
            assertEquals(new Run(0, "", ""), d.cli("-P INPUT DROP"), "the daemon serves on");
        }
    }

    @Test
    void onlyTheRulesetCommandsAreRunByTheDaemon() throws Exception {
        try (TestDaemon d = new TestDaemon(dir, RULES)) {
            ControlResponse replay = new DaemonClient(d.socket).request(ControlKind.COMMAND,
                    List.of("--state", "/etc/shadow", "replay", "capture.pcap"), Map.of(), new byte[0]);
            assertEquals(2, replay.status());
            assertEquals("jptables: the daemon runs the iptables command line, save and restore, not \"replay\"\n",
                    replay.stderrText());
            ControlResponse listing = new DaemonClient(d.socket).request(ControlKind.COMMAND,
                    List.of("--state", dir.resolve("other.rules").toString(), "-S", "INPUT"), Map.of(), new byte[0]);
            assertEquals("-P INPUT ACCEPT\n", listing.stdoutText(), "the daemon's own state, whatever --state says");
            assertFalse(Files.exists(dir.resolve("other.rules")));
        }
    }

    @Test
    void aClientThatSendsNothingIsLetGoAfterTheTimeout() throws Exception {
        Files.writeString(dir.resolve("daemon.rules"), RULES);
        Map<String, String> env = Map.of("JPTABLES_HOME", dir.toString(), "JPTABLES_STATE",
                dir.resolve("daemon.rules").toString(), "JPTABLES_CONTROL", dir.resolve("ctl.sock").toString());
        Settings settings = Settings.from(List.of(), env);
        InMemoryLive live = new InMemoryLive(StateFile.load(settings, System.err));
        try (ControlServer server = ControlServer.start(settings, env, live, PeerPolicy::rootAnd, Duration.ofMillis(200));
             DeadlineChannel idle = DeadlineChannel.connect(server.socket(), Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            ControlException closed = assertThrows(ControlException.class, () -> idle.readFully(ByteBuffer.allocate(4)));
            assertEquals("the connection was closed after 0 of 4 bytes", closed.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        }
    }
}
