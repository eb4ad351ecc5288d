package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential harness, offline half: every case recorded on the real kernel (the shared
 * cases, copied into conformance/shared-cases, and our own in conformance/cases) must come out of
 * jptables exactly as Linux handled it: counters, policies, emitted frames, LOG lines, connection
 * table, final counters. The live half (.ci/run) records the cases again on this machine's kernel.
 */
class ConformanceIT {
    private static final Path CONFORMANCE = Path.of(System.getProperty("jptables.conformance", "../conformance"));

    @TempDir
    Path state;

    @Test
    void everyRecordedCaseAgreesWithTheKernel() {
        Jptables.Result r = new Jptables(state).run("iptables", List.of("conformance", "--known",
                CONFORMANCE.resolve("known-deviations.tsv").toString(), CONFORMANCE.toString()), null);
        System.out.print(r.out());
        assertEquals("", r.err());
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("conformance: "), r.out());
    }

    /** The compiled classifier (the default) and the kernel's own rule-by-rule walk agree alike. */
    @Test
    void everyRecordedCaseAgreesWalkedRuleByRule() {
        Jptables.Result r = new Jptables(state).run("iptables", List.of("conformance", "--eval", "linear", "--known",
                CONFORMANCE.resolve("known-deviations.tsv").toString(), CONFORMANCE.toString()), null);
        assertEquals("", r.err());
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("conformance: "), r.out());
    }

    @Test
    void aCaseThatDiffersIsReportedWithTheDifference(@TempDir Path cases) throws IOException {
        Path seed = CONFORMANCE.resolve("shared-cases/seed-centos6");
        Path copy = cases.resolve("seed-centos6");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(seed)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode kernel = (ObjectNode) json.readTree(copy.resolve("kernel.json").toFile());
        ObjectNode third = (ObjectNode) kernel.withArray("packets").get(2);
        ObjectNode match = (ObjectNode) ((ArrayNode) third.get("matched")).get(0);
        match.put("bytes", match.get("bytes").asLong() + 1);
        json.writeValue(copy.resolve("kernel.json").toFile(), kernel);

        Jptables.Result r = new Jptables(state).run("iptables", List.of("conformance", cases.toString()), null);

        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("seed-centos6: 6 of 7 packets agree, 1 differences"), r.out());
        assertTrue(r.out().contains("#2 matched: kernel [filter:INPUT:2 +1/29] jptables [filter:INPUT:2 +1/28]"), r.out());
    }

    @Test
    void aKnownDeviationThatAgreesFailsTheRun(@TempDir Path dir) throws IOException {
        Path known = dir.resolve("known.tsv");
        Files.writeString(known, "seed-centos6\t0\tlisted although it agrees\n");
        Jptables.Result r = new Jptables(state).run("iptables", List.of("conformance", "--known", known.toString(),
                CONFORMANCE.resolve("shared-cases/seed-centos6").toString()), null);
        assertEquals(1, r.status(), r.out());
        assertTrue(r.out().contains("#0 agrees now: remove it from the known deviations"), r.out());
    }
}
