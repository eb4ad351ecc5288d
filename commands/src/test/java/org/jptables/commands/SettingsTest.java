package org.jptables.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jptables.kernel.conntrack.ConntrackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option over environment over conf/jptables.yaml over the defaults; bad files refused in one line. */
class SettingsTest {
    @TempDir
    Path home;

    private Path yaml(String text) throws Exception {
        Path conf = Files.createDirectories(home.resolve("conf")).resolve("jptables.yaml");
        Files.writeString(conf, text);
        return conf;
    }

    private Settings settings(Map<String, String> env, String... args) throws Exception {
        return Settings.from(List.of(args), env);
    }

    @Test
    void withoutFileTheDefaultsUnderTheHome() throws Exception {
        Settings s = settings(Map.of("JPTABLES_HOME", home.toString()), "-L");
        assertEquals(home.resolve("var/jptables.rules"), s.state());
        assertEquals(home.resolve("plugins"), s.plugins());
        assertEquals(home.resolve("var/run/jptables.sock"), s.control());
        assertFalse(s.offline());
        assertNull(s.log());
        assertEquals(ConntrackConfig.defaults(), s.conntrack());
        assertEquals(List.of("-L"), s.args());
    }

    @Test
    void theInitialRulesetIsTheHomesDefaultRulesOnlyWhereItExists() throws Exception {
        assertNull(settings(Map.of("JPTABLES_HOME", home.toString())).initial());
        Path seed = Files.createDirectories(home.resolve("conf")).resolve("default.rules");
        Files.writeString(seed, "*filter\nCOMMIT\n");
        assertEquals(seed, settings(Map.of("JPTABLES_HOME", home.toString())).initial());
        yaml("initial: conf/office.rules\n");
        assertEquals(home.resolve("conf/office.rules"), settings(Map.of("JPTABLES_HOME", home.toString())).initial());
        assertEquals(Path.of("/dev/null"), settings(Map.of("JPTABLES_HOME", home.toString(),
                "JPTABLES_INITIAL", "/dev/null")).initial());
    }

    @Test
    void listingsSeeTheInitialRulesetAndLeaveTheStateAbsent() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/default.rules"), "*filter\n:INPUT DROP [0:0]\n-A INPUT -s 192.0.2.1/32 -j ACCEPT\nCOMMIT\n");
        Map<String, String> env = Map.of("JPTABLES_HOME", home.toString(), "JPTABLES_PLUGINS",
                home.resolve("no-plugins").toString());
        Path state = home.resolve("var/jptables.rules");
        for (String line : List.of("-S", "-L -n", "-t nat -L", "-t raw -S")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            assertEquals(0, Main.run(List.of(line.split(" ")), env, print, print), out.toString(StandardCharsets.UTF_8));
            if (line.equals("-S")) {
                assertEquals("-P INPUT DROP\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-A INPUT -s 192.0.2.1/32 -j ACCEPT\n",
                        out.toString(StandardCharsets.UTF_8));
            }
            assertFalse(Files.exists(state), line + " wrote the state");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(List.of("-P", "FORWARD", "DROP"), env, print, print));
        assertEquals(List.of(":INPUT DROP [0:0]", ":FORWARD DROP [0:0]", "-A INPUT -s 192.0.2.1/32 -j ACCEPT"),
                Files.readAllLines(state).stream().filter(l -> l.startsWith(":INPUT") || l.startsWith(":FORWARD")
                        || l.startsWith("-A") || l.startsWith("[")).map(l -> l.replaceAll("^\\[0:0\\] ", "")).toList());
    }

    @Test
    void theFileOverTheDefaultsWithPathsRelativeToTheHome() throws Exception {
        yaml("state: data/rules.v4\nplugins: /opt/jptables/plugins\nlog: var/log/jptables.log\ncontrol: run/ctl.sock\n");
        Settings s = settings(Map.of("JPTABLES_HOME", home.toString()));
        assertEquals(home.resolve("data/rules.v4"), s.state());
        assertEquals(home.resolve("run/ctl.sock"), s.control());
        assertEquals(Path.of("/opt/jptables/plugins"), s.plugins());
        assertEquals(home.resolve("var/log/jptables.log"), s.log());
    }

    @Test
    void theEnvironmentOverTheFileAndTheOptionOverBoth() throws Exception {
        yaml("state: data/rules.v4\nplugins: more-plugins\ncontrol: run/ctl.sock\n");
        Map<String, String> env = Map.of("JPTABLES_HOME", home.toString(), "JPTABLES_STATE", "/env/state",
                "JPTABLES_PLUGINS", "/env/plugins", "JPTABLES_CONTROL", "/env/ctl.sock");
        Settings fromEnv = settings(env, "-S");
        assertEquals(Path.of("/env/state"), fromEnv.state());
        assertEquals(Path.of("/env/plugins"), fromEnv.plugins());
        assertEquals(Path.of("/env/ctl.sock"), fromEnv.control());
        Settings fromOptions = settings(env, "--state", "/opt/state", "--plugins=/opt/plugins", "--control",
                "/opt/ctl.sock", "-S");
        assertEquals(Path.of("/opt/state"), fromOptions.state());
        assertEquals(Path.of("/opt/plugins"), fromOptions.plugins());
        assertEquals(Path.of("/opt/ctl.sock"), fromOptions.control());
        assertEquals(List.of("-S"), fromOptions.args());
        assertEquals(Path.of("/opt/ctl2.sock"), settings(env, "--control=/opt/ctl2.sock").control());
        assertEquals(home.resolve("run/ctl.sock"), settings(Map.of("JPTABLES_HOME", home.toString())).control());
        Settings onlyState = settings(Map.of("JPTABLES_HOME", home.toString(), "JPTABLES_STATE", "/env/state"));
        assertEquals(home.resolve("more-plugins"), onlyState.plugins(), "the file still gives what the environment does not");
    }

    @Test
    void offlineByOptionOrEnvironment() throws Exception {
        Map<String, String> env = Map.of("JPTABLES_HOME", home.toString());
        Settings byOption = settings(env, "--offline", "--state", "/s", "-L", "--offline");
        assertTrue(byOption.offline());
        assertEquals(Path.of("/s"), byOption.state());
        assertEquals(List.of("-L", "--offline"), byOption.args(), "after iptables' first word, the words are iptables'");
        assertTrue(settings(Map.of("JPTABLES_HOME", home.toString(), "JPTABLES_OFFLINE", "1"), "-L").offline());
        assertTrue(settings(Map.of("JPTABLES_HOME", home.toString(), "JPTABLES_OFFLINE", "yes"), "-L").offline());
        assertFalse(settings(Map.of("JPTABLES_HOME", home.toString(), "JPTABLES_OFFLINE", "0"), "-L").offline());
        assertFalse(settings(Map.of("JPTABLES_HOME", home.toString(), "JPTABLES_OFFLINE", ""), "-L").offline());
        assertEquals(5, Settings.ownOptions(List.of("--offline", "--control", "/c", "--state=/s", "--plugins=/p", "save")));
        assertEquals(0, Settings.ownOptions(List.of("-m", "state", "--state", "NEW")));
        assertEquals(0, Settings.ownOptions(List.of("--control")), "an option without its value is iptables'");
        assertEquals("option \"--control\" requires an argument",
                assertThrows(Settings.UsageError.class, () -> settings(env, "--control")).getMessage());
    }

    @Test
    void conntrackLimitsTimeoutsAndChecksums() throws Exception {
        yaml("""
                checksums: false
                conntrack:
                  max-entries: 1000
                  tcp-loose: false
                  timeouts:
                    tcp-established: 3600
                    udp: 45
                """);
        ConntrackConfig c = settings(Map.of("JPTABLES_HOME", home.toString())).conntrack();
        assertEquals(1000, c.maxEntries());
        assertFalse(c.tcpLoose());
        assertEquals(3600, c.tcpEstablished());
        assertEquals(45, c.udp());
        assertFalse(c.checksum());
        assertEquals(ConntrackConfig.defaults().tcpTimeWait(), c.tcpTimeWait(), "keys not given keep the kernel's values");
        assertTrue(ConntrackConfig.defaults().checksum());
    }

    @Test
    void unknownKeysAreNamedWithTheFile() throws Exception {
        Path file = yaml("state: x\ncolour: blue\n");
        Map<String, String> env = Map.of("JPTABLES_HOME", home.toString());
        Settings.UsageError e = assertThrows(Settings.ConfigError.class, () -> settings(env));
        assertEquals(file + ": unknown key \"colour\"", e.getMessage());
        yaml("conntrack:\n  timeouts:\n    tcp-establised: 10\n");
        e = assertThrows(Settings.ConfigError.class, () -> settings(env));
        assertEquals(file + ": unknown key \"conntrack.timeouts.tcp-establised\"", e.getMessage());
    }

    @Test
    void chainsAreCompiledUnlessTheFileSaysLinear() throws Exception {
        Map<String, String> env = Map.of("JPTABLES_HOME", home.toString());
        assertEquals(org.jptables.kernel.eval.EvalMode.COMPILED, settings(env).eval());
        yaml("eval: linear\n");
        assertEquals(org.jptables.kernel.eval.EvalMode.LINEAR, settings(env).eval());
        Path file = yaml("eval: fast\n");
        Settings.UsageError e = assertThrows(Settings.ConfigError.class, () -> settings(env));
        assertEquals(file + ": key \"eval\" must be linear or compiled, not \"fast\"", e.getMessage());
        assertEquals("--eval: \"quick\" is not linear or compiled",
                assertThrows(Settings.UsageError.class, () -> Settings.evalMode("quick")).getMessage());
    }

    @Test
    void wrongValuesAndBrokenYamlAreOneLine() throws Exception {
        Path file = yaml("checksums: maybe\n");
        Map<String, String> env = Map.of("JPTABLES_HOME", home.toString());
        Settings.UsageError e = assertThrows(Settings.ConfigError.class, () -> settings(env));
        assertEquals(file + ": key \"checksums\" must be true or false, not \"maybe\"", e.getMessage());
        yaml("conntrack:\n  max-entries: -5\n");
        e = assertThrows(Settings.ConfigError.class, () -> settings(env));
        assertEquals(file + ": key \"conntrack.max-entries\" must be a whole number >= 0, not -5", e.getMessage());
        yaml("state: [unclosed\n");
        e = assertThrows(Settings.ConfigError.class, () -> settings(env));
        assertTrue(e.getMessage().startsWith(file + ": line "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void theCommandSaysWhatIsWrongWithTheFile() throws Exception {
        Path file = yaml("plugin: plugins\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("-L"), Map.of("JPTABLES_HOME", home.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, status);
        assertEquals("jptables: " + file + ": unknown key \"plugin\"\n", err.toString(StandardCharsets.UTF_8));
    }
}
