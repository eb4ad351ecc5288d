package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh unpack, used through its start scripts: every command sees the installation's initial
 * ruleset (conf/default.rules) until a command changes something, and no listing writes the state.
 */
class FreshInstallationIT {
    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {
    }

    private Result run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Jptables.HOME.resolve("bin").resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(tmp.resolve("stderr").toFile());
        pb.environment().put("JPTABLES_STATE", state().toString());
        pb.environment().remove("JPTABLES_HOME");
        pb.environment().remove("JPTABLES_PLUGINS");
        pb.environment().remove("JPTABLES_INITIAL");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = p.waitFor();
        return new Result(status, out, Files.readString(tmp.resolve("stderr")));
    }

    private Path state() {
        return tmp.resolve("var").resolve("jptables.rules");
    }

    @Test
    void everyCommandSeesTheInitialRulesetAndListingsWriteNothing() throws Exception {
        String seedRule = "-A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT";
        Result list = run("jptables", "-L", "INPUT");
        assertEquals(0, list.status(), list.err());
        assertTrue(list.out().contains("state NEW tcp dpt:ssh"), list.out());
        assertTrue(run("jptables", "-S").out().contains(seedRule));
        assertTrue(run("jptables-save", "-c").out().contains("[0:0] " + seedRule));
        assertEquals(0, run("jptables", "-C", "INPUT", "-p", "tcp", "-m", "state", "--state", "NEW", "-m", "tcp",
                "--dport", "22", "-j", "ACCEPT").status());
        assertEquals(0, run("jptables", "-t", "nat", "-L", "-n").status());
        assertEquals(0, run("jptables-save", "-t", "raw").status());
        assertTrue(run("jptables", "graph", "-o", tmp.resolve("rules.dot").toString()).status() == 0);
        Result replay = run("jptables", "replay", Jptables.HOME.resolve("samples/office.pcap").toString(), "--no-save");
        assertEquals(0, replay.status(), replay.err());
        assertTrue(replay.out().contains("state NEW tcp dpt:ssh"), replay.out());
        assertFalse(Files.exists(state()), "a command that only reads wrote the state");

        Result add = run("jptables", "-A", "INPUT", "-s", "192.0.2.7", "-j", "DROP");
        assertEquals(0, add.status(), add.err());
        assertTrue(Files.exists(state()), "a change is kept");
        String saved = run("jptables-save").out();
        assertTrue(saved.contains(seedRule) && saved.contains("-A INPUT -s 192.0.2.7/32 -j DROP"), saved);
    }

    @Test
    void anEmptyInitialRulesetStartsAsLinuxAfterBoot() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Jptables.HOME.resolve("bin/jptables").toString(), "-S")
                .redirectErrorStream(true);
        pb.environment().put("JPTABLES_STATE", state().toString());
        pb.environment().put("JPTABLES_INITIAL", "/dev/null");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n", out);
    }

    @Test
    void aMissingInitialRulesetIsAnErrorNamingIt() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Jptables.HOME.resolve("bin/jptables").toString(), "-L")
                .redirectErrorStream(true);
        pb.environment().put("JPTABLES_STATE", state().toString());
        pb.environment().put("JPTABLES_INITIAL", tmp.resolve("nosuch.rules").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(4, p.waitFor(), out);
        assertEquals("jptables: initial ruleset " + tmp.resolve("nosuch.rules") + ": No such file or directory\n", out);
    }
}
