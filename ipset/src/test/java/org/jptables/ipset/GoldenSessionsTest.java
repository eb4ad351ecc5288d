package org.jptables.ipset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jptables.api.Names;
import org.jptables.kernel.ipset.SetStore;
import org.jptables.language.names.SystemNames;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Command sessions replayed on jptables' ipset: every command's exit status, standard output and
 * standard error must be what the real ipset 7.17 gave on Linux 6.18. The answers
 * (src/test/resources/golden/NAME.json) were recorded by src/test/golden/record.py from
 * src/test/golden/sessions/NAME.cmds, each session in a network namespace of its own; each command
 * here runs at the time the kernel ran it ({@code t}), so timeouts count down alike.
 */
class GoldenSessionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SESSIONS = Path.of("src/test/golden/sessions");
    private static final long BASE = 1_700_000_000_000_000_000L;

    @TestFactory
    Stream<DynamicNode> sessions() throws IOException {
        Names names = SystemNames.fromEtc();
        List<DynamicNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden"))) {
            for (Path json : files.sorted().toList()) {
                String session = json.getFileName().toString().replace(".json", "");
                JsonNode steps = JSON.readTree(json.toFile());
                long[] now = {BASE};
                SetStore store = new SetStore(() -> now[0]);
                List<DynamicTest> tests = new ArrayList<>();
                int index = 0;
                for (JsonNode step : steps) {
                    index++;
                    String cmd = step.get("cmd").asText();
                    now[0] = BASE + (long) (step.get("t").asDouble() * 1e9);
                    String[] result = run(store, names, cmd);
                    tests.add(DynamicTest.dynamicTest(index + ": " + cmd, () -> {
                        assertEquals(step.get("stderr").asText(), result[1], "stderr of " + cmd);
                        assertEquals(step.get("stdout").asText(), result[0], "stdout of " + cmd);
                        assertEquals(step.get("exit").asInt(), Integer.parseInt(result[2]), "exit status of " + cmd);
                    }));
                }
                nodes.add(DynamicContainer.dynamicContainer(session, tests));
            }
        }
        return nodes.stream();
    }

    /** Runs one recorded command line: {stdout, stderr, exit}. */
    static String[] run(SetStore store, Names names, String line) throws IOException {
        InputStream stdin = new ByteArrayInputStream(new byte[0]);
        int redirect = line.lastIndexOf(" < ");
        if (redirect >= 0) {
            stdin = new ByteArrayInputStream(Files.readAllBytes(SESSIONS.resolve(line.substring(redirect + 3).trim())));
            line = line.substring(0, redirect);
        }
        List<String> words = Words.split(line);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new IpsetTool(store, names, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), SESSIONS).run(words.subList(1, words.size()));
        return new String[] {out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Integer.toString(status)};
    }
}
