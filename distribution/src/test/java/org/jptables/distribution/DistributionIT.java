package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The unpacked distribution works as a user runs it: the start scripts, PF4J loading the plugin jars. */
class DistributionIT {
    @TempDir
    Path tmp;

    private String run(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Jptables.HOME.resolve("bin").resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JPTABLES_STATE", tmp.resolve("state.rules").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void layoutIsComplete() {
        for (String part : List.of("bin/jptables", "bin/jptables-save", "bin/jptables-restore", "lib", "plugins", "conf")) {
            assertTrue(Files.exists(Jptables.HOME.resolve(part)), part);
        }
    }

    @Test
    void scriptsRestoreListAndSaveTheSeedRuleset() throws Exception {
        Path seed = Jptables.HOME.resolve("conf/default.rules");
        run("jptables-restore", seed.toString());
        String listed = run("jptables", "-L", "INPUT", "-n");
        assertTrue(listed.contains("state NEW tcp dpt:22"), listed);
        String saved = run("jptables-save");
        assertTrue(saved.contains("-A INPUT -p tcp -m state --state NEW -m tcp --dport 22 -j ACCEPT"), saved);
    }
}
