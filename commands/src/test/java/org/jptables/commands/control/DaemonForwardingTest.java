package org.jptables.commands.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jptables.commands.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's side: what is sent to a daemon, what is printed of its answer, and when no daemon is asked. */
class DaemonForwardingTest {
    @TempDir
    Path dir;
    Path socket;
    Path state;
    Map<String, String> env;

    /** One invocation's result. */
    record Run(int status, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        socket = dir.resolve("ctl.sock");
        state = dir.resolve("state.rules");
        env = new HashMap<>(Map.of("JPTABLES_STATE", state.toString(), "JPTABLES_PLUGINS",
                dir.resolve("no-plugins").toString(), "JPTABLES_CONTROL", socket.toString()));
    }

    private Run run(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), stdin);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run run(String... args) {
        return run(untouchable(), args);
    }

    /** A standard input that fails the test when it is read. */
    private static InputStream untouchable() {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("standard input was read");
            }
        };
    }

    private static ControlResponse answer(int status, String out, String err) {
        return new ControlResponse(status, out.getBytes(StandardCharsets.UTF_8), err.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCommandGoesToTheDaemonWithoutTheClientsPaths() throws Exception {
        env.put("JPTABLES_DOT", "/usr/local/bin/dot");
        try (FakeDaemon daemon = FakeDaemon.answering(socket, r -> answer(3, "listed\n", "warned\n"))) {
            Run r = run("--state", dir.resolve("elsewhere").toString(), "-L", "-n");
            assertEquals(new Run(3, "listed\n", "warned\n"), r);
            ControlRequest sent = daemon.requests.get(0);
            assertEquals(ControlKind.COMMAND, sent.kind());
            assertEquals(List.of("-L", "-n"), sent.args());
            assertEquals(Map.of("JPTABLES_DOT", "/usr/local/bin/dot"), sent.env());
            assertEquals(0, sent.stdin().length);
            assertEquals("UTF-8", sent.outCharset());
        }
        assertFalse(Files.exists(state), "the daemon's answer is all: no state file here");
    }

    @Test
    void saveAndRestoreNameTheirToolAndRestoreSendsWhatItReads() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.v4"), "*filter\n-A INPUT -j ACCEPT\nCOMMIT\n");
        try (FakeDaemon daemon = FakeDaemon.answering(socket, r -> answer(0, "", ""))) {
            assertEquals(0, run("save", "-c").status());
            assertEquals(0, run("restore", "-n", rules.toString(), "-c").status());
            assertEquals(0, run(new ByteArrayInputStream("from stdin\n".getBytes(StandardCharsets.UTF_8)),
                    "--offline=", "restore").status(), "an option that only looks like --offline is iptables'");
            assertEquals(0, run(new ByteArrayInputStream("from stdin\n".getBytes(StandardCharsets.UTF_8)), "restore")
                    .status());
            assertEquals(0, run("restore", "-h").status(), "help reads no input");
            List<ControlRequest> sent = daemon.requests;
            assertEquals(List.of("save", "-c"), sent.get(0).args());
            assertEquals(List.of("restore", "-n", "-c"), sent.get(1).args(), "the daemon reads the file from its stdin");
            assertArrayEquals(Files.readAllBytes(rules), sent.get(1).stdin());
            assertEquals(List.of("--offline=", "restore"), sent.get(2).args());
            assertEquals(List.of("restore"), sent.get(3).args());
            assertEquals("from stdin\n", new String(sent.get(3).stdin(), StandardCharsets.UTF_8));
            assertEquals(List.of("restore", "-h"), sent.get(4).args());
        }
    }

    @Test
    void anUnreadableRestoreFileFailsHereAsWithoutADaemon() throws Exception {
        String missing = dir.resolve("missing.rules").toString();
        try (FakeDaemon daemon = FakeDaemon.answering(socket, r -> answer(0, "", ""))) {
            Run live = run("restore", missing);
            assertEquals(run("--offline", "restore", missing), live);
            assertEquals(new Run(1, "", "jptables-restore: " + missing + "\n"), live);
            assertTrue(daemon.requests.isEmpty());
        }
    }

    @Test
    void aSocketLeftByADeadDaemonIsPassedOverSilently() throws Exception {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "closing a Unix-domain socket leaves its file");
        assertEquals(new Run(0, "", ""), run("-A", "INPUT", "-p", "6", "-j", "ACCEPT"));
        assertEquals(new Run(0, "", ""), run(new ByteArrayInputStream("*nat\nCOMMIT\n".getBytes(StandardCharsets.UTF_8)),
                "restore", "-n"));
        assertEquals("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-A INPUT -p tcp -j ACCEPT\n",
                run("-S").out());
        assertTrue(run("save").out().contains("*nat\n"), "restore read the input it was given");
    }

    @Test
    void offlineCommandsNeverAsk() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.answering(socket, r -> answer(9, "", ""))) {
            assertEquals(0, run("--offline", "-A", "INPUT", "-j", "ACCEPT").status());
            env.put("JPTABLES_OFFLINE", "1");
            assertEquals("-A INPUT -j ACCEPT\n", run("-S", "INPUT").out().lines().filter(l -> l.startsWith("-A"))
                    .map(l -> l + "\n").findFirst().orElse(""));
            assertEquals(0, run("graph", "-h").status());
            env.remove("JPTABLES_OFFLINE");
            assertEquals(0, run("graph", "-h").status(), "graph works offline, daemon or not");
            assertTrue(daemon.requests.isEmpty());
        }
        assertTrue(Main.actsOnRuleset(List.of("--state", "x", "-L")));
        assertTrue(Main.actsOnRuleset(List.of("restore")));
        assertTrue(Main.actsOnRuleset(List.of()));
        assertFalse(Main.actsOnRuleset(List.of("--offline", "daemon")));
        assertFalse(Main.actsOnRuleset(List.of("replay", "x.pcap")));
    }

    @Test
    void aDaemonThatDoesNotAnswerIsReportedAfterTheTimeout() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.silent(socket)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(err, true, StandardCharsets.UTF_8);
            long start = System.nanoTime();
            Integer status = DaemonForwarding.forward("jptables", socket, Duration.ofMillis(300), List.of("-L"), Map.of(),
                    new byte[0], print, print);
            assertEquals(4, status);
            assertEquals("jptables: the daemon at " + socket + " did not answer\n", err.toString(StandardCharsets.UTF_8));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
        }
    }

    @Test
    void anAnswerOverTheLimitIsRefused() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.announcing(socket, ControlProtocol.MAX_FRAME + 1)) {
            assertEquals(new Run(4, "", "jptables-save: the daemon at " + socket + ": a response of 268435457 bytes is"
                    + " over the control socket's limit of 268435456 bytes (256 MiB)\n"), run("save"));
        }
    }

    @Test
    void daemonStatusAndReloadAskTheDaemon() throws Exception {
        try (FakeDaemon daemon = FakeDaemon.answering(socket, r -> r.kind() == ControlKind.STATUS
                ? answer(0, "queue 0: 12 packets\n", "") : answer(1, "", "jptables: reload: refused\n"))) {
            assertEquals(new Run(0, "queue 0: 12 packets\n", ""), run("daemon", "status"));
            assertEquals(new Run(1, "", "jptables: reload: refused\n"), run("--control", socket.toString(), "daemon",
                    "reload"));
            assertEquals(List.of(ControlKind.STATUS, ControlKind.RELOAD_PLUGINS),
                    daemon.requests.stream().map(ControlRequest::kind).toList());
            assertEquals(new Run(2, "", "jptables: daemon status: unexpected argument \"now\"\n"),
                    run("daemon", "status", "now"));
        }
        assertEquals(new Run(1, "", "jptables: daemon: no daemon listens on " + socket + "\n"), run("daemon", "reload"));
        assertEquals(new Run(1, "", "jptables: daemon: the live module is not on the class path\n"), run("daemon"));
    }
}
