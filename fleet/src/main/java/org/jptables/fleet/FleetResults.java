package org.jptables.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The job's figures, in a fixed order (kind, host with the fleet last, ruleset, key, position), and
 * the two machine-readable sinks: JSON lines (one object per record) and CSV (RFC 4180 quoting).
 */
public final class FleetResults {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<FleetRecord> records;

    public FleetResults(List<FleetRecord> records) {
        this.records = records.stream().sorted(Comparator.comparing((FleetRecord r) -> r.kind)
                .thenComparing(r -> FleetRecord.FLEET.equals(r.host) ? "\uffff" : r.host)
                .thenComparing(r -> r.ruleset).thenComparing(r -> r.key).thenComparingInt(r -> r.position)).toList();
    }

    public List<FleetRecord> records() {
        return records;
    }

    /** The records of one kind, host and ruleset, by key (and position, for rules). */
    public Map<String, long[]> of(String kind, String host, String ruleset) {
        return records.stream().filter(r -> r.kind.equals(kind) && r.host.equals(host) && r.ruleset.equals(ruleset))
                .collect(Collectors.toMap(r -> r.position > 0 ? r.position + " " + r.key : r.key,
                        r -> new long[] {r.packets, r.bytes}, (a, b) -> a, TreeMap::new));
    }

    /** One figure, or zeros. */
    public long[] get(String kind, String host, String ruleset, String key) {
        for (FleetRecord r : records) {
            if (r.kind.equals(kind) && r.host.equals(host) && r.ruleset.equals(ruleset) && r.key.equals(key)) {
                return new long[] {r.packets, r.bytes};
            }
        }
        return new long[2];
    }

    public void writeJsonLines(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (FleetRecord r : records) {
                ObjectNode o = JSON.createObjectNode();
                o.put("kind", r.kind).put("host", r.host).put("ruleset", r.ruleset).put("key", r.key);
                if (r.position > 0) {
                    o.put("position", r.position);
                }
                o.put("packets", r.packets).put("bytes", r.bytes);
                w.write(JSON.writeValueAsString(o));
                w.write('\n');
            }
        }
    }

    public void writeCsv(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("kind,host,ruleset,key,position,packets,bytes\r\n");
            for (FleetRecord r : records) {
                w.write(r.kind + "," + csv(r.host) + "," + r.ruleset + "," + csv(r.key) + "," + r.position + ","
                        + r.packets + "," + r.bytes + "\r\n");
            }
        }
    }

    private static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
