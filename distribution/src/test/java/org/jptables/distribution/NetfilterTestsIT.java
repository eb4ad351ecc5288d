package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginLoader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * netfilter's own extension test lists, as iptables-legacy 1.8.9 answered each rule
 * (corpus/netfilter-tests/results-1.8.9.tsv): a rule it accepted must be accepted and print the
 * same {@code -S} form; a rule it refused must be refused with the same message. Rules naming an
 * extension jptables does not ship must be refused; a rule the recording kernel lacked a module for
 * (iptables warned "missing kernel module?") is checked against the test file's own expectation
 * instead: an {@code OK} line must be accepted and saved as the file says, a {@code FAIL} line
 * refused.
 */
class NetfilterTestsIT {
    private static final String PREFIX = "iptables v1.8.9 (legacy): ";

    @TempDir
    Path tmp;

    record Line(String file, String table, String chain, String rule, String result, String saved, int exit, String error) {
    }

    @TestFactory
    Stream<DynamicTest> rules() throws Exception {
        Path shared = Golden.shared();
        assumeTrue(shared != null, "../shared is not beside the project");
        Path tsv = shared.resolve("corpus/netfilter-tests/results-1.8.9.tsv");
        List<String> lines = Files.readAllLines(tsv);
        ExtensionRegistry registry = PluginLoader.load(Jptables.HOME.resolve("plugins"));
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            Line line = new Line(f[0], f[1], f[2], f[3], f[4], f[5], Integer.parseInt(f[6]), f.length > 7 ? f[7] : "");
            int n = i;
            tests.add(DynamicTest.dynamicTest(line.file() + ":" + n + " " + line.rule(),
                    () -> check(line, registry, tmp.resolve("r" + n))));
        }
        return tests.stream();
    }

    private void check(Line line, ExtensionRegistry registry, Path state) throws Exception {
        List<String> words = ShellWords.split(line.rule());
        boolean ours = true;
        for (int i = 0; i + 1 < words.size(); i++) {
            String w = words.get(i);
            String name = words.get(i + 1);
            if ((w.equals("-m") || w.equals("--match")) && registry.match(name) == null) {
                ours = false;
            }
            if ((w.equals("-j") || w.equals("--jump")) && registry.target(name) == null) {
                ours = false;
            }
        }
        Jptables jpt = new Jptables(state);
        List<String> args = new ArrayList<>(List.of("-t", line.table(), "-A", line.chain()));
        args.addAll(words);
        Jptables.Result r = jpt.iptables(args);
        if (!ours) {
            assertNotEquals(0, r.status(), "a rule naming an extension jptables lacks must be refused");
            return;
        }
        if (line.result().equals("FAIL") && line.error().contains("missing kernel module?")) {
            checkAgainstTheTestFile(line, r, jpt);
            return;
        }
        boolean kernelLacked = line.error().contains("Couldn't load") || line.error().contains("No chain/target/match")
                || line.error().contains("Couldn't find match") || line.error().contains("Couldn't find target")
                || line.error().contains("missing kernel module?");
        if (line.result().equals("FAIL") && kernelLacked) {
            // "No chain/target/match" is also the kernel's word for a rule naming an object that
            // does not exist (a rateest estimator no RATEEST rule made): refused here too, the
            // messages must agree; accepted here, the recording kernel lacked the module
            assumeTrue(r.status() != 0, "the recording kernel lacked this module");
        }
        if (line.result().equals("OK")) {
            assertEquals(0, r.status(), r.err());
            String listed = jpt.iptables(List.of("-t", line.table(), "-S", line.chain())).out();
            String last = listed.lines().filter(l -> l.startsWith("-A ")).reduce((a, b) -> b).orElse("");
            assertEquals("-A " + line.chain() + (line.saved().isEmpty() ? "" : " " + line.saved()), last);
        } else {
            assertEquals(line.exit(), r.status(), r.err());
            String first = Jptables.asIptables(r.err()).lines().findFirst().orElse("");
            String expected = line.error().startsWith(PREFIX) ? line.error().substring(PREFIX.length()) : line.error();
            String actual = first.startsWith(PREFIX) ? first.substring(PREFIX.length()) : first;
            assertEquals(expected, actual);
        }
    }

    /** The line of the .t file ("rule;=;OK", "rule;saved form;OK", "rule;;FAIL") that gave this rule. */
    private void checkAgainstTheTestFile(Line line, Jptables.Result r, Jptables jpt) throws Exception {
        Path file = Golden.shared().resolve("corpus/netfilter-tests").resolve(line.file());
        String expected = null;
        for (String l : Files.readAllLines(file)) {
            String[] f = l.split(";", -1);
            if (f.length == 3 && f[0].strip().equals(line.rule().strip())) {
                expected = l;
            }
        }
        assertNotEquals(null, expected, "no line of " + line.file() + " for " + line.rule());
        String[] f = expected.split(";", -1);
        if (f[2].equals("OK")) {
            assertEquals(0, r.status(), r.err());
            String listed = jpt.iptables(List.of("-t", line.table(), "-S", line.chain())).out();
            String last = listed.lines().filter(l -> l.startsWith("-A ")).reduce((a, b) -> b).orElse("");
            assertEquals("-A " + line.chain() + " " + (f[1].equals("=") ? f[0] : f[1]).strip(), last);
        } else {
            assertNotEquals(0, r.status(), "the test file says " + expected);
        }
    }
}
