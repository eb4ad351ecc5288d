package org.jptables.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jptables.commands.Settings;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.live.control.TestDaemon.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands through the control socket on a live ruleset: changes made live whole, listings with the
 * live counters, counters carried over a change, failures changing nothing, output as without a daemon.
 */
class ControlServerTest {
    private static final String INITIAL = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            -A POSTROUTING -o eth0 -j ACCEPT
            COMMIT
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD DROP [0:0]
            :OUTPUT ACCEPT [0:0]
            -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
            -A INPUT -s 192.0.2.0/24 -j DROP
            COMMIT
            """;

    @TempDir
    Path dir;
    TestDaemon d;
    InMemoryLive live;
    Path state;

    @BeforeEach
    void start() throws IOException, Settings.UsageError {
        d = new TestDaemon(dir, INITIAL);
        live = d.live;
        state = d.state;
    }

    @AfterEach
    void stop() throws IOException {
        d.close();
    }

    private Run cli(String line) {
        return d.cli(line);
    }

    private String ok(String line) {
        return d.ok(line);
    }

    private Run offline(String line) throws IOException {
        return d.offline(line);
    }

    private Run run(InputStream stdin, Map<String, String> env, String... args) {
        return d.run(stdin, env, args);
    }

    private Rule liveRule(String chain, int number) {
        return live.ruleset().existing(TableKind.FILTER).chain(chain).rules().get(number - 1);
    }

    private static String counters(Rule r) {
        return r.counters().packets() + ":" + r.counters().bytes();
    }

    @Test
    void anAppendChangesTheLiveRulesetAndTheDaemonsStateFile() throws IOException {
        Ruleset before = live.ruleset();
        assertEquals("", ok("-A INPUT -p tcp --dport 443 -j ACCEPT"));
        assertEquals(1, live.replaced.get());
        assertTrue(live.ruleset() != before, "a new ruleset was put live whole");
        assertEquals(" -p tcp -m tcp --dport 443 -j ACCEPT", liveRule("INPUT", 3).spec());
        assertTrue(Files.readString(state).contains("-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\n"));
        assertFalse(Files.exists(dir.resolve("client.rules")), "the client's state file is not the daemon's");
        assertEquals("-P INPUT ACCEPT\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n"
                + "-A INPUT -s 192.0.2.0/24 -j DROP\n-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\n", ok("-S"));
    }

    @Test
    void aCommandReplacesOnlyTheTablesItChanged() {
        Ruleset first = live.ruleset();
        live.count("nat", "POSTROUTING", 1, 4, 240);
        ok("-A INPUT -j ACCEPT");
        Ruleset second = live.ruleset();
        assertSame(first.existing(TableKind.NAT), second.existing(TableKind.NAT), "nat stays live as it was");
        assertTrue(first.existing(TableKind.FILTER) != second.existing(TableKind.FILTER));
        assertEquals(List.of(TableKind.NAT, TableKind.FILTER), second.tables().stream().map(t -> t.kind()).toList());
        live.whileNextCommandRuns(() -> live.count("nat", "POSTROUTING", 1, 1, 60));
        ok("-t nat -N KUBE");
        Ruleset third = live.ruleset();
        assertSame(second.existing(TableKind.FILTER), third.existing(TableKind.FILTER));
        assertEquals("5:300", counters(third.existing(TableKind.NAT).chain("POSTROUTING").rules().get(0)));
        ok("-t nat -Z");
        assertEquals("0:0", counters(live.ruleset().existing(TableKind.NAT).chain("POSTROUTING").rules().get(0)));
        assertSame(third.existing(TableKind.FILTER), live.ruleset().existing(TableKind.FILTER));
    }

    @Test
    void listingsAndSaveShowTheLiveCounters() throws IOException {
        live.count("filter", "INPUT", 1, 3, 180);
        live.count("filter", "INPUT", 0, 2, 100);
        String listing = ok("-L INPUT -v -x -n");
        assertEquals("""
                Chain INPUT (policy ACCEPT 2 packets, 100 bytes)
                    pkts      bytes target     prot opt in     out     source               destination        \s
                       3      180 ACCEPT     6    --  *      *       0.0.0.0/0            0.0.0.0/0            tcp dpt:22
                       0        0 DROP       0    --  *      *       192.0.2.0/24         0.0.0.0/0          \s
                """, listing);
        assertEquals(offline("-L INPUT -v -x -n").out(), listing, "byte for byte what the command prints offline");
        live.count("filter", "INPUT", 1, 1, 60);
        assertTrue(ok("-L INPUT -v -x -n").contains("       4      240 ACCEPT"), "counted since the last command");
        String saved = ok("save -c");
        assertTrue(saved.contains(":INPUT ACCEPT [2:100]\n"), saved);
        assertTrue(saved.contains("[4:240] -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n"), saved);
        assertEquals(0, live.replaced.get(), "listing and saving change nothing");
    }

    @Test
    void countersOfRulesThatStaySurviveAndWhatIsCountedDuringACommandIsKept() throws IOException {
        live.count("filter", "INPUT", 1, 10, 600);
        live.count("filter", "INPUT", 2, 5, 300);
        live.whileNextCommandRuns(() -> live.count("filter", "INPUT", 1, 1, 60));
        ok("-I INPUT 1 -p udp -j DROP");
        assertEquals("0:0", counters(liveRule("INPUT", 1)));
        assertEquals("11:660", counters(liveRule("INPUT", 2)), "kept, with the packet counted during the insert");
        assertEquals("5:300", counters(liveRule("INPUT", 3)));
        live.count("filter", "INPUT", 3, 1, 40);
        ok("-D INPUT 1");
        assertEquals("11:660", counters(liveRule("INPUT", 1)));
        assertEquals("6:340", counters(liveRule("INPUT", 2)));

        // restore -c of a save -c: the saved counters, plus what was counted while the restore ran
        String saved = ok("save -c");
        live.count("filter", "INPUT", 1, 100, 6000);
        live.whileNextCommandRuns(() -> live.count("filter", "INPUT", 2, 2, 80));
        assertEquals(new Run(0, "", ""), run(new ByteArrayInputStream(saved.getBytes(StandardCharsets.UTF_8)), d.clientEnv,
                "restore", "-c"));
        assertEquals("11:660", counters(liveRule("INPUT", 1)), "as saved: the 100 packets since are gone with -c");
        assertEquals("8:420", counters(liveRule("INPUT", 2)));

        // restore without -c: zero, as the kernel's table replace gives iptables-restore's new rules
        byte[] plain = ok("save").getBytes(StandardCharsets.UTF_8);
        live.whileNextCommandRuns(() -> live.count("filter", "INPUT", 2, 1, 40));
        assertEquals(0, run(new ByteArrayInputStream(plain), d.clientEnv, "restore").status());
        assertEquals("0:0", counters(liveRule("INPUT", 1)));
        assertEquals("1:40", counters(liveRule("INPUT", 2)));

        // -Z: from zero, but for what was counted while it ran
        live.whileNextCommandRuns(() -> live.count("filter", "INPUT", 1, 1, 60));
        ok("-Z INPUT");
        assertEquals("1:60", counters(liveRule("INPUT", 1)));
        assertEquals("0:0", counters(liveRule("INPUT", 2)));
    }

    @Test
    void aFailingCommandChangesNothingLiveAndSaysWhatItSaysOffline() throws IOException {
        live.count("filter", "INPUT", 1, 7, 420);
        Ruleset before = live.ruleset();
        ok("-S");
        String stateBefore = Files.readString(state);
        Run bad = cli("-A INPUT --bogus -j ACCEPT");
        assertEquals(2, bad.status());
        assertEquals(offline("-A INPUT --bogus -j ACCEPT"), bad);
        assertTrue(bad.err().startsWith("jptables v1.8.9 (legacy): unknown option \"--bogus\"\n"), bad.err());
        Run noChain = cli("-t raw -A NOCHAIN -j ACCEPT");
        assertEquals(new Run(1, "", "iptables: No chain/target/match by that name.\n"), noChain);
        assertSame(before, live.ruleset());
        assertEquals(0, live.replaced.get());
        assertEquals("7:420", counters(liveRule("INPUT", 1)));
        assertFalse(Files.readString(state).contains("*raw"), "the table the failed command made is not kept");
        assertEquals(stateBefore.lines().filter(l -> !l.startsWith("#")).toList(),
                Files.readString(state).lines().filter(l -> !l.startsWith("#")).toList(),
                "the state file holds the live ruleset, as before the failed commands");
    }

    @Test
    void restoreReadsTheClientsStandardInputAndFile() throws IOException {
        String rules = "*filter\n:INPUT DROP [0:0]\n-A INPUT -i lo -j ACCEPT\nCOMMIT\n";
        assertEquals(new Run(0, "", ""), run(new ByteArrayInputStream(rules.getBytes(StandardCharsets.UTF_8)),
                d.clientEnv, "restore"));
        Chain input = live.ruleset().existing(TableKind.FILTER).chain("INPUT");
        assertEquals(org.jptables.api.Verdict.DROP, input.policy());
        assertEquals(List.of(" -i lo -j ACCEPT"), input.rules().stream().map(Rule::spec).toList());
        // a file named by a path relative to the client's directory is read by the client
        Path file = Files.writeString(dir.resolve("more.rules"), "*filter\n-A INPUT -s 198.18.0.1/32 -j ACCEPT\nCOMMIT\n");
        assertEquals(new Run(0, "", ""), run(new ByteArrayInputStream(new byte[0]), d.clientEnv, "restore", "--noflush",
                file.toString()));
        assertEquals(2, live.ruleset().existing(TableKind.FILTER).chain("INPUT").size());
        Run broken = run(new ByteArrayInputStream("*filter\n-A INPUT -j NOSUCH\nCOMMIT\n".getBytes(StandardCharsets.UTF_8)),
                d.clientEnv, "restore");
        assertEquals(2, broken.status(), broken.err());
        assertEquals(2, live.ruleset().existing(TableKind.FILTER).chain("INPUT").size(), "a failed restore changes nothing");
    }

    @Test
    void commandsFromManyClientsAreRunOneAtATimeAndNoneIsLost() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> done = new ArrayList<>();
            for (int i = 0; i < 18; i++) {
                String line = "-A OUTPUT -d 198.18.1." + i + " -j ACCEPT";
                done.add(clients.submit(() -> ok(line)));
            }
            for (Future<String> f : done) {
                assertEquals("", f.get());
            }
        } finally {
            clients.shutdown();
        }
        assertEquals(18, live.ruleset().existing(TableKind.FILTER).chain("OUTPUT").size());
        assertEquals(18, live.replaced.get());
    }

    @Test
    void largeRulesetsAndListingsTravelWhole() throws IOException {
        StringBuilder rules = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n");
        for (int i = 0; i < 2200; i++) {
            rules.append("-A INPUT -s 10.").append(i / 250).append('.').append(i % 250).append(".0/24 -p tcp -m tcp --dport ")
                    .append(1 + i).append(" -j ACCEPT\n");
        }
        rules.append("COMMIT\n");
        assertEquals(new Run(0, "", ""), run(new ByteArrayInputStream(rules.toString().getBytes(StandardCharsets.UTF_8)),
                d.clientEnv, "restore"));
        assertEquals(2200, live.ruleset().existing(TableKind.FILTER).chain("INPUT").size());
        String listing = ok("-L -n -v --line-numbers");
        assertTrue(listing.length() > 220_000, "more than a socket buffer holds: " + listing.length());
        assertEquals(offline("-L -n -v --line-numbers").out(), listing);
    }

    @Test
    void statusIsTheDaemons() {
        assertEquals(new Run(0, "queue 0: 5 packets, 0 dropped\n", ""), cli("daemon status"));
    }

    @Test
    void theSocketIsTheDaemonsOwnAndGoesWithIt() throws IOException {
        Path socket = d.socket;
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        ControlSocketException twice = assertThrows(ControlSocketException.class,
                () -> ControlServer.start(d.settings, d.daemonEnv, live));
        assertEquals("jptables daemon: another daemon listens on " + socket, twice.getMessage());
        assertTrue(Files.exists(socket), "the refused start left the running daemon's socket alone");
        d.server.close();
        assertFalse(Files.exists(socket));
        // without the daemon, the command works on the client's own state file, as always
        ok("-A INPUT -j ACCEPT");
        assertTrue(Files.readString(dir.resolve("client.rules")).contains("-A INPUT -j ACCEPT"));
        d.server = ControlServer.start(d.settings, d.daemonEnv, live);
    }

    @Test
    void aSocketLeftByADeadDaemonIsReplacedAndAnythingElseIsLeftAlone() throws Exception {
        Path socket = d.socket;
        d.server.close();
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        d.server = ControlServer.start(d.settings, d.daemonEnv, live);
        assertEquals("", ok("-N web"));
        assertEquals(1, live.replaced.get(), "the command went to the new daemon");
        d.server.close();
        Files.writeString(socket, "not a socket");
        assertEquals("jptables daemon: " + socket + " exists and is not a socket", assertThrows(
                ControlSocketException.class, () -> ControlServer.start(d.settings, d.daemonEnv, live)).getMessage());
        assertEquals("not a socket", Files.readString(socket));
        Files.delete(socket);
        d.server = ControlServer.start(d.settings, d.daemonEnv, live);
    }
}
