package org.jptables.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jptables.capture.CaptureReader;
import org.jptables.capture.CaptureRecord;
import org.jptables.capture.PcapWriter;
import org.jptables.commands.Main;

/**
 * The reference the fleet is held to: for one host, its rotated captures joined into one (rotation
 * cuts a capture, never its packets), then the plain commands a user runs, one after the other,
 * {@code jptables restore RULES}, {@code jptables replay CAPTURE --host host.yaml --json} and
 * {@code jptables save -c}, each in its own state file. What they print is read back as figures
 * keyed as the fleet keys them.
 */
final class SequentialReplays {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One host's figures: verdict name, or {@code table chain position} for rules, or {@code table chain policy}. */
    record Figures(Map<String, List<Long>> verdicts, Map<String, List<Long>> counters, long packets, long bytes) {
    }

    private SequentialReplays() {
    }

    static Figures replay(HostSpec host, String rulesFile, Path work, Path plugins) throws IOException {
        Files.createDirectories(work);
        Path joined = work.resolve("joined.pcap");
        try (PcapWriter w = new PcapWriter(joined)) {
            CaptureRecord r = new CaptureRecord();
            for (String c : host.captures) {
                try (CaptureReader reader = CaptureReader.open(Path.of(c))) {
                    while (reader.next(r)) {
                        w.write(r.timeNanos, r.data, 0, r.length);
                    }
                }
            }
        }
        Path state = work.resolve("state.rules");
        Map<String, String> env = Map.of("JPTABLES_HOME", work.toString());
        String pluginsDir = plugins.toString();
        run(env, "--state", state.toString(), "--plugins", pluginsDir, "restore", rulesFile);
        String json = run(env, "--state", state.toString(), "--plugins", pluginsDir, "replay", joined.toString(),
                "--host", host.hostSource, "--json");
        JsonNode o = JSON.readTree(json);
        Map<String, List<Long>> verdicts = new TreeMap<>();
        o.get("verdicts").properties().forEach(e ->
                verdicts.put(e.getKey(), List.of(e.getValue().get("packets").asLong(), e.getValue().get("bytes").asLong())));
        String saved = run(env, "--state", state.toString(), "--plugins", pluginsDir, "save", "-c");
        return new Figures(verdicts, counters(saved), o.get("packets").asLong(), o.get("bytes").asLong());
    }

    /** {@code iptables-save -c}'s counters: {@code [p:b] -A CHAIN ...} per position, {@code :CHAIN POLICY [p:b]}. */
    static Map<String, List<Long>> counters(String save) {
        Map<String, List<Long>> counters = new TreeMap<>();
        Map<String, Integer> positions = new TreeMap<>();
        String table = null;
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                table = line.substring(1);
            } else if (line.startsWith(":")) {
                String[] f = line.substring(1).split(" ");
                if (!f[1].equals("-")) {
                    counters.put(table + " " + f[0] + " policy", numbers(f[2]));
                }
            } else if (line.startsWith("[")) {
                int close = line.indexOf(']');
                String[] f = line.substring(close + 2).split(" ");
                String chain = table + " " + f[1];
                int position = positions.merge(chain, 1, Integer::sum);
                counters.put(chain + " " + position, numbers(line.substring(0, close + 1)));
            }
        }
        return counters;
    }

    private static List<Long> numbers(String bracketed) {
        String[] pb = bracketed.substring(1, bracketed.length() - 1).split(":");
        return List.of(Long.parseLong(pb[0]), Long.parseLong(pb[1]));
    }

    private static String run(Map<String, String> env, String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IOException("jptables " + String.join(" ", args) + ": status " + status + ": "
                    + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
