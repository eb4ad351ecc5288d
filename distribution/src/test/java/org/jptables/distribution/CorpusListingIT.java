package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every corpus ruleset restored into jptables lists, saves and prints exactly as iptables-legacy
 * 1.8.9 did with the same file (golden/corpus/STEM/VARIANT/NAME.out).
 */
class CorpusListingIT {
    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicNode> corpus() {
        Path shared = Golden.shared();
        assumeTrue(shared != null, "../shared/corpus is not beside the project");
        Path goldenCorpus = Golden.root().resolve("corpus");
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path stemDir : Golden.list(goldenCorpus)) {
            String stem = stemDir.getFileName().toString();
            Path rules = shared.resolve("corpus").resolve(stem + ".rules");
            if (!Files.exists(rules)) {
                continue;
            }
            List<DynamicNode> variants = new ArrayList<>();
            for (Path variantDir : Golden.list(stemDir)) {
                String variant = variantDir.getFileName().toString();
                variants.add(DynamicContainer.dynamicContainer(variant, variant(stem, variant, variantDir, rules)));
            }
            nodes.add(DynamicContainer.dynamicContainer(stem, variants));
        }
        return nodes.stream();
    }

    private Stream<DynamicNode> variant(String stem, String variant, Path dir, Path rules) {
        Path state = tmp.resolve(stem + "-" + variant);
        Jptables jpt = new Jptables(state);
        byte[] input = Golden.read(rules).getBytes(StandardCharsets.UTF_8);
        List<String> restoreArgs = variant.equals("counters") ? List.of("-c") : List.of();
        Path expectedRc = dir.resolve("restore.rc");
        List<DynamicNode> tests = new ArrayList<>();
        Jptables.Result restored = jpt.run("iptables-restore", restoreArgs, new ByteArrayInputStream(input));
        String lacking = lackingExtension(restored.err());
        if (lacking != null) {
            // a ruleset naming an extension jptables does not ship: refused with iptables' message, skipped here
            return Stream.of(DynamicTest.dynamicTest("restore", () -> assumeTrue(false,
                    stem + " needs " + lacking + ", which jptables does not ship: " + restored.err().lines().findFirst().orElse(""))));
        }
        tests.add(DynamicTest.dynamicTest("restore", () -> {
            int rc = Files.exists(expectedRc) ? Integer.parseInt(Golden.read(expectedRc).trim()) : 0;
            assertEquals(rc, restored.status(), restored.err());
        }));
        for (Path out : Golden.list(dir)) {
            String name = out.getFileName().toString();
            if (!name.endsWith(".out")) {
                continue;
            }
            String command = name.substring(0, name.length() - 4);
            tests.add(DynamicTest.dynamicTest(command, () -> {
                Jptables.Result r = runListing(jpt, command);
                assertEquals(Golden.read(out), Jptables.asIptables(r.out()), r.err());
            }));
        }
        return tests.stream();
    }

    /** The match or target a failed restore could not load, or null. */
    static String lackingExtension(String err) {
        var m = java.util.regex.Pattern.compile("Couldn't load (match|target) `([^']*)'").matcher(err);
        return m.find() ? m.group(1) + " " + m.group(2) : null;
    }

    /** "filter.L-n-v-line" is {@code iptables -t filter -L -n -v --line-numbers}; "save-c" is iptables-save -c. */
    static Jptables.Result runListing(Jptables jpt, String command) {
        if (command.equals("save")) {
            return jpt.run("iptables-save", List.of(), null);
        }
        if (command.equals("save-c")) {
            return jpt.run("iptables-save", List.of("-c"), null);
        }
        int dot = command.indexOf('.');
        String table = command.substring(0, dot);
        List<String> args = new ArrayList<>(List.of("-t", table));
        for (String part : command.substring(dot + 1).split("-")) {
            switch (part) {
                case "L" -> args.add("-L");
                case "S" -> args.add("-S");
                case "n" -> args.add("-n");
                case "v" -> args.add("-v");
                case "x" -> args.add("-x");
                case "line" -> args.add("--line-numbers");
                default -> throw new IllegalArgumentException("unknown listing " + command + ": " + Arrays.toString(command.split("-")));
            }
        }
        return jpt.iptables(args);
    }
}
