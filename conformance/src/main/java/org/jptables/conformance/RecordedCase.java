package org.jptables.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One case recorded on the real kernel (the layout of shared/conformance): the ruleset, the
 * packets sent and, in {@code kernel.json}, what Linux did with each of them.
 *
 * @param name      the folder's name
 * @param rules     the ruleset in iptables-restore format
 * @param packets   the packets as given (JSON objects of the documented packet format)
 * @param quietHost whether fw's own stack was kept silent while recording (file {@code mode})
 * @param recorded  kernel.json's {@code packets}, one per packet
 * @param finalSave {@code iptables-save -c} after the last packet, or null when not recorded
 * @param listening the sockets fw had open (file {@code listen}: "tcp:22,udp:53")
 * @param sets      the sets of ipset fw had before the ruleset, in {@code ipset restore} format (file
 *                  {@code sets}; empty when the case has none)
 * @param finalSets {@code ipset save} at the end, or null when the case has no sets
 * @param nfacct    the nfacct commands fw ran before the ruleset, one per line without the
 *                  program's name ({@code add q packet 3}; file {@code nfacct}; empty when none)
 * @param finalNfacct {@code nfacct list} at the end, or null when the case made no objects
 * @param localMarks the marks fw's policy routing delivered locally (file {@code local-marks}: one
 *                  {@code VALUE/MASK} a line; empty when the case has none)
 * @param osf       the passive OS fingerprints loaded with {@code nfnl_osf -f} while recording, as
 *                  pf.os text (file {@code osf}), or null when the case loaded none
 * @param bridged   whether fw bridged its two sides (file {@code mode}: {@code bridge}): eth0 and eth1
 *                  ports of br0, which holds fw's address (the host of {@code Host.conformanceBridge()})
 * @param sysctls   fw's settings, {@code NAME=VALUE} a line (file {@code sysctl}; empty when none)
 */
public record RecordedCase(String name, List<String> rules, List<JsonNode> packets, boolean quietHost,
                           List<JsonNode> recorded, String finalSave, Set<String> listening, List<String> sets,
                           String finalSets, List<String> localMarks, List<String> nfacct, String finalNfacct,
                           String osf, boolean bridged, List<String> sysctls) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the case in {@code dir}; what is missing or malformed is named with its file. */
    public static RecordedCase read(Path dir) throws IOException {
        Path kernelFile = dir.resolve("kernel.json");
        JsonNode kernel;
        try {
            kernel = JSON.readTree(kernelFile.toFile());
        } catch (IOException e) {
            throw new IOException(kernelFile + ": " + firstLine(e), e);
        }
        Path rulesFile = dir.resolve("ruleset.rules");
        List<String> rules = Files.exists(rulesFile) ? Files.readAllLines(rulesFile, StandardCharsets.UTF_8)
                : kernel.path("rules").asText().lines().toList();
        List<JsonNode> packets = new ArrayList<>();
        List<JsonNode> recorded = new ArrayList<>();
        for (JsonNode p : kernel.path("packets")) {
            recorded.add(p);
            packets.add(p.path("packet"));
        }
        Path packetsFile = dir.resolve("packets.jsonl");
        if (Files.exists(packetsFile)) {
            List<JsonNode> given = new ArrayList<>();
            int lineNo = 0;
            for (String line : Files.readAllLines(packetsFile, StandardCharsets.UTF_8)) {
                lineNo++;
                if (!line.isBlank()) {
                    try {
                        given.add(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new IOException(packetsFile + ":" + lineNo + ": " + firstLine(e), e);
                    }
                }
            }
            if (given.size() != recorded.size()) {
                throw new IOException(dir + ": packets.jsonl has " + given.size() + " packets, kernel.json "
                        + recorded.size());
            }
            packets = given;
        }
        Path mode = dir.resolve("mode");
        String modeName = Files.exists(mode) ? Files.readString(mode).strip() : "";
        boolean quiet = modeName.equals("quiet-host");
        String finalSave = kernel.has("final_save") ? kernel.get("final_save").asText() : null;
        Path listen = dir.resolve("listen");
        Set<String> listening = new HashSet<>();
        if (Files.exists(listen)) {
            for (String socket : Files.readString(listen).strip().split(",")) {
                if (!socket.isBlank()) {
                    listening.add(socket.strip());
                }
            }
        }
        Path setsFile = dir.resolve("sets");
        List<String> sets = Files.exists(setsFile) ? Files.readAllLines(setsFile, StandardCharsets.UTF_8)
                : kernel.path("sets").asText().lines().toList();
        String finalSets = kernel.has("final_sets") ? kernel.get("final_sets").asText() : null;
        Path marksFile = dir.resolve("local-marks");
        List<String> localMarks = Files.exists(marksFile)
                ? List.of(Files.readString(marksFile).strip().split("\\s+")) : List.of();
        Path nfacctFile = dir.resolve("nfacct");
        List<String> nfacct = (Files.exists(nfacctFile) ? Files.readAllLines(nfacctFile, StandardCharsets.UTF_8)
                : kernel.path("nfacct").asText().lines().toList()).stream().filter(l -> !l.isBlank()).toList();
        String finalNfacct = kernel.has("final_nfacct") ? kernel.get("final_nfacct").asText() : null;
        Path osfFile = dir.resolve("osf");
        String osf = Files.exists(osfFile) ? Files.readString(osfFile, StandardCharsets.ISO_8859_1)
                : kernel.has("osf") ? kernel.get("osf").asText() : null;
        Path sysctlFile = dir.resolve("sysctl");
        List<String> sysctls = Files.exists(sysctlFile)
                ? Files.readAllLines(sysctlFile, StandardCharsets.UTF_8).stream().map(String::strip)
                        .filter(l -> !l.isEmpty()).toList()
                : List.of();
        return new RecordedCase(dir.getFileName().toString(), rules, List.copyOf(packets), quiet,
                List.copyOf(recorded), finalSave, Set.copyOf(listening), List.copyOf(sets), finalSets, localMarks,
                nfacct, finalNfacct, osf, modeName.equals("bridge"), sysctls);
    }

    /** The case folders at or below {@code root}: a folder holding kernel.json is a case. */
    public static List<Path> find(Path root) throws IOException {
        if (Files.exists(root.resolve("kernel.json"))) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": no such case folder");
        }
        List<Path> cases = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.sorted().toList()) {
                if (Files.isDirectory(child)) {
                    cases.addAll(find(child));
                }
            }
        }
        return cases;
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
