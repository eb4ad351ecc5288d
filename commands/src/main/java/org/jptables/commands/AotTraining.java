package org.jptables.commands;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the JDK's ahead-of-time cache ({@code -XX:AOTCacheOutput}), made when the
 * distribution is built: the commands front-ends run most (listings, one-rule changes, save,
 * restore, help, an error), in one JVM, against a state of its own, so that the cache holds the
 * classes they load, already linked. Replays are left out on purpose: every class in the cache is
 * mapped at every start, and a replay runs long enough to load its own. Arguments: the
 * distribution's home.
 */
public final class AotTraining {
    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", "off");
        Path home = Path.of(args[0]).toAbsolutePath();
        Path work = Files.createTempDirectory("jptables-aot");
        try {
            Map<String, String> env = Map.of("JPTABLES_HOME", home.toString(),
                    "JPTABLES_STATE", work.resolve("state.rules").toString());
            String seed = home.resolve("conf/default.rules").toString();
            List<List<String>> commands = List.of(
                    List.of("-L"), List.of("-L", "-n", "-v", "--line-numbers"), List.of("-S"),
                    List.of("-t", "nat", "-L", "-n"),
                    List.of("-A", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"),
                    List.of("-I", "INPUT", "-s", "192.0.2.0/24", "-m", "state", "--state", "NEW", "-j", "DROP"),
                    List.of("-C", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"),
                    List.of("-D", "INPUT", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"),
                    List.of("-N", "training"), List.of("-A", "training", "-m", "multiport", "--dports", "80,443",
                            "-j", "REJECT", "--reject-with", "tcp-reset"),
                    List.of("-F", "training"), List.of("-X", "training"), List.of("-P", "FORWARD", "DROP"),
                    List.of("-Z"), List.of("save"), List.of("save", "-c"), List.of("restore", seed),
                    List.of("restore", "--test", seed), List.of("--list-plugins"), List.of("-m", "tcp", "-h"),
                    List.of("-A", "INPUT", "-p", "tcp", "--dport", "nosuchport", "-j", "ACCEPT"));
            for (List<String> command : commands) {
                run(command, env);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static void run(List<String> command, Map<String, String> env) {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(new byte[0]));
        try {
            PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Main.run(command, env, sink, sink);
        } finally {
            System.setIn(stdin);
        }
    }
}
