package org.jptables.distribution.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jptables.commands.Main;
import org.jptables.live.testing.TestNamespaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The daemon from the built distribution on real traffic, in the conformance topology of
 * namespaces of this test's own: src 198.18.0.2 — eth0 — fw (the daemon) — eth1 — dst 198.18.1.2.
 * Real sockets on src and dst, the seed's ruleset on fw; the command line reaches the daemon
 * through its control socket. Needs root and iptables (the kernel's queue rules); skips otherwise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveDaemonIT {
    private static final Path HOME = Path.of(System.getProperty("jptables.home", "target/jptables")).toAbsolutePath();
    private static final Path EXAMPLES = Path.of(System.getProperty("jptables.examples", "target/examples"));

    private TestNamespaces namespaces;
    private Namespace src;
    private Namespace fw;
    private Namespace dst;
    private Path work;
    private Map<String, String> env;
    private RunningDaemon daemon;
    private final List<ServerSocket> servers = new ArrayList<>();

    @BeforeAll
    void topology() throws Exception {
        TestNamespaces.assumeAvailable();
        org.junit.jupiter.api.Assumptions.assumeTrue(TestNamespaces.run("sh", "-c", "command -v iptables").exitCode() == 0,
                "the daemon's queue rules need iptables or nft: skipped");
        namespaces = new TestNamespaces();
        String s = namespaces.add("src");
        String f = namespaces.add("fw");
        String d = namespaces.add("dst");
        TestNamespaces.check(TestNamespaces.run("ip", "link", "add", "s0", "netns", s, "type", "veth", "peer", "name", "eth0", "netns", f));
        TestNamespaces.check(TestNamespaces.run("ip", "link", "add", "d0", "netns", d, "type", "veth", "peer", "name", "eth1", "netns", f));
        ip(s, "addr", "add", "198.18.0.2/24", "dev", "s0");
        ip(f, "addr", "add", "198.18.0.1/24", "dev", "eth0");
        ip(f, "addr", "add", "198.18.1.1/24", "dev", "eth1");
        ip(d, "addr", "add", "198.18.1.2/24", "dev", "d0");
        ip(s, "link", "set", "s0", "up");
        ip(f, "link", "set", "eth0", "up");
        ip(f, "link", "set", "eth1", "up");
        ip(d, "link", "set", "d0", "up");
        ip(s, "route", "add", "default", "via", "198.18.0.1");
        ip(d, "route", "add", "default", "via", "198.18.1.1");
        TestNamespaces.check(TestNamespaces.exec(f, "sysctl", "-qw", "net.ipv4.ip_forward=1"));
        src = new Namespace(s);
        fw = new Namespace(f);
        dst = new Namespace(d);
        servers.add(fw.echo(22));
        servers.add(dst.echo(80));
        work = Files.createTempDirectory("jptables-live-");
        Path plugins = work.resolve("plugins");
        Files.createDirectories(plugins);
        try (Stream<Path> jars = Files.list(HOME.resolve("plugins"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        env = Map.of("JPTABLES_HOME", HOME.toString(), "JPTABLES_STATE", work.resolve("state.rules").toString(),
                "JPTABLES_CONTROL", work.resolve("control.sock").toString(), "JPTABLES_PLUGINS", plugins.toString());
        daemon = RunningDaemon.start(HOME, f, env, work.resolve("daemon.log"));
    }

    @AfterAll
    void cleanUp() throws Exception {
        try {
            if (daemon != null && daemon.alive()) {
                daemon.stop();
            }
        } finally {
            for (ServerSocket server : servers) {
                server.close();
            }
            for (Namespace n : new Namespace[] {src, fw, dst}) {
                if (n != null) {
                    n.close();
                }
            }
            if (namespaces != null) {
                namespaces.close();
            }
        }
    }

    private static void ip(String namespace, String... args) {
        List<String> all = new ArrayList<>(List.of("ip", "-n", namespace));
        all.addAll(List.of(args));
        TestNamespaces.check(TestNamespaces.run(all.toArray(String[]::new)));
    }

    /** jptables' command line, in-process: it finds the daemon by its control socket. */
    private String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, "jptables " + String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The packet count of the rule -L INPUT -v -x -n lists at {@code line} (1-based, after the headers). */
    private long inputCount(String target, String detail) {
        for (String line : cli("-L", "INPUT", "-v", "-x", "-n").split("\n")) {
            if (line.contains(target) && line.contains(detail)) {
                return Long.parseLong(line.trim().split("\\s+")[0]);
            }
        }
        throw new AssertionError("no " + target + " rule with " + detail + " in INPUT");
    }

    @Test
    @Order(1)
    void theSeedLetsSshInAndRejectsTelnetWithNoRouteToHost() throws Exception {
        try (Socket ssh = src.connect("198.18.0.1", 22, 3000)) {
            assertEquals("198.18.0.2 hello", Namespace.exchange(ssh, "hello"));
        }
        IOException refused = assertThrows(IOException.class, () -> src.connect("198.18.0.1", 23, 3000));
        assertTrue(refused instanceof NoRouteToHostException, refused.toString());
        assertEquals("No route to host", refused.getMessage());
    }

    @Test
    @Order(2)
    void pingAnswers() {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestNamespaces.run("sh", "-c", "command -v ping").exitCode() == 0,
                "no ping here (iputils-ping): skipped");
        TestNamespaces.Result ping = TestNamespaces.exec(src.name, "ping", "-c", "1", "-W", "3", "198.18.0.1");
        assertEquals(0, ping.exitCode(), ping.stdout() + ping.stderr());
    }

    @Test
    @Order(3)
    void listingsCountWhatWasSent() throws Exception {
        long rejected = inputCount("REJECT", "reject-with icmp-host-prohibited");
        long ssh = inputCount("ACCEPT", "state NEW tcp dpt:22");
        for (int i = 0; i < 3; i++) {
            assertThrows(NoRouteToHostException.class, () -> src.connect("198.18.0.1", 23, 3000));
        }
        try (Socket s = src.connect("198.18.0.1", 22, 3000)) {
            assertNotNull(Namespace.exchange(s, "x"));
        }
        assertEquals(rejected + 3, inputCount("REJECT", "reject-with icmp-host-prohibited"));
        assertEquals(ssh + 1, inputCount("ACCEPT", "state NEW tcp dpt:22"));
    }

    @Test
    @Order(4)
    void anEstablishedConnectionSurvivesAChangeOfTheRuleset() throws Exception {
        try (Socket s = src.connect("198.18.0.1", 22, 3000)) {
            assertEquals("198.18.0.2 before", Namespace.exchange(s, "before"));
            cli("-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP");
            assertEquals("198.18.0.2 after", Namespace.exchange(s, "after"));
            cli("-D", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP");
        }
    }

    @Test
    @Order(5)
    void logLinesGoToTheDaemonsLog() throws Exception {
        cli("-I", "INPUT", "1", "-p", "tcp", "--dport", "22", "--syn", "-j", "LOG", "--log-prefix", "jpt-ssh: ");
        try (Socket s = src.connect("198.18.0.1", 22, 3000)) {
            assertNotNull(Namespace.exchange(s, "logged"));
        }
        assertTrue(daemon.awaitLog("jpt-ssh: IN=eth0 OUT= MAC="), daemon.log());
        assertTrue(daemon.log().contains("SRC=198.18.0.2 DST=198.18.0.1"), daemon.log());
        cli("-D", "INPUT", "1");
    }

    @Test
    @Order(6)
    void aPortForwardCarriesARealExchangeToDstAndBack() throws Exception {
        cli("-t", "nat", "-A", "PREROUTING", "-i", "eth0", "-p", "tcp", "--dport", "8080", "-j", "DNAT",
                "--to-destination", "198.18.1.2:80");
        cli("-I", "FORWARD", "1", "-m", "state", "--state", "RELATED,ESTABLISHED", "-j", "ACCEPT");
        cli("-I", "FORWARD", "2", "-p", "tcp", "-d", "198.18.1.2", "--dport", "80", "-j", "ACCEPT");
        try (Socket s = src.connect("198.18.0.1", 8080, 3000)) {
            assertEquals("198.18.0.2 through", Namespace.exchange(s, "through"), "dst saw the client's own address");
            assertEquals("198.18.0.2 again", Namespace.exchange(s, "again"));
        }
        String nat = cli("-t", "nat", "-L", "PREROUTING", "-v", "-x", "-n");
        assertTrue(nat.matches("(?s).*\\n\\s+1\\s+60\\s+DNAT.*"), nat);
    }

    @Test
    @Order(7)
    void aDroppedInMatchCutsARealFlowOffAfterItsQuota() throws Exception {
        Path jar = EXAMPLES.resolve("quota-match/target/quota-match-1.0.0.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(jar), "the examples are not built: skipped");
        Path dropped = Path.of(env.get("JPTABLES_PLUGINS")).resolve(jar.getFileName());
        Files.copy(jar, dropped, StandardCopyOption.REPLACE_EXISTING);
        cli("daemon", "reload");
        cli("-I", "INPUT", "1", "-p", "tcp", "--dport", "22", "-m", "srcquota", "!", "--quota", "4000", "-j", "DROP");
        try (Socket s = src.connect("198.18.0.1", 22, 3000)) {
            s.setSoTimeout(1500);
            String chunk = "q".repeat(500);
            int answered = 0;
            for (int i = 0; i < 16; i++) {
                String echo = Namespace.exchange(s, chunk);
                if (echo == null) {
                    break;
                }
                answered++;
            }
            assertTrue(answered >= 3 && answered < 10, "the flow was cut off after its quota: " + answered + " answers");
        }
        Files.delete(dropped);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("daemon", "reload"), env, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertTrue(status != 0, "a reload that loses a plugin in use is refused");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("srcquota"), err.toString(StandardCharsets.UTF_8));
        cli("-D", "INPUT", "1");
        Files.copy(jar, dropped);
        cli("daemon", "reload");
    }

    @Test
    @Order(8)
    void statusAndMetricsTellWhatTheDaemonDid() throws Exception {
        String status = cli("daemon", "status");
        assertTrue(status.contains("queue 0: "), status);
        assertTrue(status.contains("latency in the daemon: p50"), status);
        daemon.stop();
        daemon = RunningDaemon.start(HOME, fw.name, env, work.resolve("daemon.log"), "--metrics", "9464");
        try (Socket s = src.connect("198.18.0.1", 22, 3000)) {
            assertNotNull(Namespace.exchange(s, "counted"));
        }
        String metrics = fw.call(() -> {
            try (Socket http = new Socket("127.0.0.1", 9464)) {
                OutputStream out = http.getOutputStream();
                out.write("GET /metrics HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = http.getInputStream();
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        assertTrue(metrics.contains("jptables_queue_packets_total{queue=\"0\"}"), metrics);
        Matcher m = Pattern.compile("jptables_rule_packets_total\\{table=\"filter\",chain=\"INPUT\",rule=\"4\",[^}]*} (\\d+)")
                .matcher(metrics);
        assertTrue(m.find(), metrics);
        assertTrue(Long.parseLong(m.group(1)) >= 1, "the ssh rule's count survives restarts and grows");
    }

    @Test
    @Order(9)
    void killedFailingOpenTheKernelDecidesAloneAndTheNextStartCleansUp() throws Exception {
        daemon.kill();
        ConnectException refused = assertThrows(ConnectException.class, () -> src.connect("198.18.0.1", 23, 3000));
        assertEquals("Connection refused", refused.getMessage(), "no daemon: the kernel's own answer (nobody on 23)");
        try (Socket s = src.connect("198.18.0.1", 22, 3000)) {
            assertNotNull(Namespace.exchange(s, "open"));
        }
        daemon = RunningDaemon.start(HOME, fw.name, env, work.resolve("daemon.log"));
        assertTrue(daemon.log().contains("removed the kernel hooks a previous daemon left behind"), daemon.log());
        assertEquals(1, countOf(TestNamespaces.exec(fw.name, "iptables-save").stdout(), "-j JPTABLES-DAEMON-PRE"));
        assertThrows(NoRouteToHostException.class, () -> src.connect("198.18.0.1", 23, 3000));
    }

    @Test
    @Order(10)
    void killedFailingClosedNothingPassesUntilTheNextStart() throws Exception {
        assertEquals(143, daemon.stop());
        assertFalse(TestNamespaces.exec(fw.name, "iptables-save").stdout().contains("JPTABLES-DAEMON"),
                "a clean stop removes every hook");
        daemon = RunningDaemon.start(HOME, fw.name, env, work.resolve("daemon.log"), "--fail", "closed");
        daemon.kill();
        assertThrows(SocketTimeoutException.class, () -> src.connect("198.18.0.1", 22, 1500));
        daemon = RunningDaemon.start(HOME, fw.name, env, work.resolve("daemon.log"));
        try (Socket s = src.connect("198.18.0.1", 22, 3000)) {
            assertNotNull(Namespace.exchange(s, "back"));
        }
    }

    @Test
    @Order(11)
    void shadowModeReportsWhereTheKernelAndJptablesDisagree() throws Exception {
        assertEquals(143, daemon.stop());
        // the host's own firewall refuses ssh; jptables' ruleset (the seed) would let it in
        TestNamespaces.check(TestNamespaces.exec(fw.name, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP"));
        try {
            daemon = RunningDaemon.start(HOME, fw.name, env, work.resolve("daemon.log"), "--shadow");
            assertThrows(SocketTimeoutException.class, () -> src.connect("198.18.0.1", 22, 1500));
            assertTrue(daemon.awaitLog("shadow: jptables ACCEPT (local), kernel DROP: TCP 198.18.0.2:"), daemon.log());
            // nobody listens on fw:80: the kernel answers with a reset, where the seed rejects with host-prohibited
            assertThrows(ConnectException.class, () -> src.connect("198.18.0.1", 80, 1500));
            assertTrue(daemon.awaitLog("shadow: jptables DROP, kernel ACCEPT (local): TCP 198.18.0.2:"), daemon.log());
        } finally {
            TestNamespaces.exec(fw.name, "iptables", "-D", "INPUT", "-p", "tcp", "--dport", "22", "-j", "DROP");
        }
    }

    /**
     * The accounting objects of the state file count live, and go back to it with their counts and
     * the rules' counters when the daemon stops (it once read them again as it stopped, failed with
     * "Device or resource busy" and wrote no counter at all).
     */
    @Test
    @Order(12)
    void nfacctObjectsCountLiveAndGoBackToTheStateWhenTheDaemonStops() throws Exception {
        if (daemon.alive()) {
            assertEquals(143, daemon.stop());
        }
        cli("nfacct", "add", "live-ssh");
        cli("-I", "INPUT", "1", "-p", "tcp", "--dport", "22", "-m", "nfacct", "--nfacct-name", "live-ssh");
        daemon = RunningDaemon.start(HOME, fw.name, env, work.resolve("daemon.log"));
        try (Socket s = src.connect("198.18.0.1", 22, 3000)) {
            assertNotNull(Namespace.exchange(s, "counted"));
        }
        assertEquals(143, daemon.stop());
        String state = Files.readString(work.resolve("state.rules"));
        java.util.regex.Matcher object = java.util.regex.Pattern.compile("(?m)^#nfacct (\\d+) (\\d+) .* live-ssh$").matcher(state);
        assertTrue(object.find(), state);
        assertTrue(Long.parseLong(object.group(1)) >= 3, "the handshake and the data at least: " + object.group());
        String listed = cli("nfacct", "get", "live-ssh");
        assertFalse(listed.contains("pkts = 00000000000000000000,"), listed);
        assertTrue(inputCount("", "live-ssh") >= 3, cli("-L", "INPUT", "-v", "-x", "-n"));
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
