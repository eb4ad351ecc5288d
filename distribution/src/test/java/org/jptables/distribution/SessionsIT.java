package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command sequences replayed against jptables: every command's exit status, standard output and
 * standard error must be what iptables-legacy 1.8.9 gave (golden/sessions/NAME.json, recorded
 * from src/test/golden/sessions/NAME.cmds).
 */
class SessionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicNode> sessions() throws IOException {
        Path dir = Golden.root().resolve("sessions");
        Path inputs = Path.of("src/test/golden/sessions");
        java.util.Set<String> known = new java.util.HashSet<>();
        for (String line : Files.readAllLines(Path.of("src/test/golden/known-deviations.tsv"))) {
            String[] f = line.split("\t");
            if (!line.startsWith("#") && f.length >= 2) {
                known.add(f[0] + ":" + f[1]);
            }
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path json : Golden.list(dir)) {
            String name = json.getFileName().toString();
            if (!name.endsWith(".json")) {
                continue;
            }
            String session = name.substring(0, name.length() - 5);
            JsonNode steps = JSON.readTree(json.toFile());
            Jptables jpt = new Jptables(tmp.resolve(session));
            List<DynamicTest> tests = new ArrayList<>();
            int index = 0;
            for (JsonNode step : steps) {
                index++;
                String cmd = step.get("cmd").asText();
                Jptables.Result actual = run(jpt, cmd, inputs);
                String label = index + ": " + cmd;
                boolean deviation = known.contains(session + ":" + index);
                tests.add(DynamicTest.dynamicTest(label, () -> {
                    org.junit.jupiter.api.Assumptions.assumeFalse(deviation,
                            "a known deviation, listed in src/test/golden/known-deviations.tsv");
                    assertEquals(step.get("stderr").asText(), Jptables.asIptables(actual.err()), "stderr of " + cmd);
                    assertEquals(step.get("stdout").asText(), Jptables.asIptables(actual.out()), "stdout of " + cmd);
                    assertEquals(step.get("exit").asInt(), actual.status(), "exit status of " + cmd);
                }));
            }
            nodes.add(DynamicContainer.dynamicContainer(session, tests));
        }
        return nodes.stream();
    }

    static Jptables.Result run(Jptables jpt, String cmd, Path inputs) throws IOException {
        String line = cmd;
        InputStream stdin = null;
        int redirect = line.lastIndexOf(" < ");
        if (redirect >= 0) {
            Path file = inputs.resolve(line.substring(redirect + 3).trim());
            stdin = new ByteArrayInputStream(Files.readAllBytes(file));
            line = line.substring(0, redirect);
        }
        List<String> words = ShellWords.split(line);
        String tool = words.get(0);
        return jpt.run(tool, words.subList(1, words.size()), stdin == null
                ? new ByteArrayInputStream(new byte[0]) : stdin);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
