package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real capture (tcpdump on the server 198.18.0.1: ping, HTTP, TCP and UDP) replayed through the
 * ruleset the kernel had when the conformance case lab-capture was recorded from it: every counter
 * must end as {@code iptables-save -c} printed it on Linux.
 */
class LabCaptureIT {
    private static final Path CASE = Path.of(System.getProperty("jptables.conformance", "../conformance"))
            .resolve("shared-cases/lab-capture");

    @TempDir
    Path state;

    @Test
    void replayingTheCaptureLeavesTheKernelsCounters() throws Exception {
        Jptables jptables = new Jptables(state);
        byte[] rules = Files.readAllBytes(CASE.resolve("ruleset.rules"));
        assertEquals(0, jptables.run("iptables-restore", List.of(), new ByteArrayInputStream(rules)).status());

        Jptables.Result replay = jptables.run("iptables", List.of("replay", CASE.resolve("lab.pcap").toString()), null);
        assertEquals(0, replay.status(), replay.err());

        String kernel = new ObjectMapper().readTree(CASE.resolve("kernel.json").toFile()).get("final_save").asText();
        String ours = jptables.run("iptables-save", List.of("-c"), null).out();
        assertEquals(withoutComments(kernel), withoutComments(ours));
    }

    private static List<String> withoutComments(String save) {
        return save.lines().filter(l -> !l.startsWith("#")).toList();
    }
}
