package org.jptables.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Recorded kernel behaviour jptables does not reproduce yet, listed so that everything else is
 * still checked: lines {@code case<TAB>packet<TAB>why} ({@code #} comments). A listed packet that
 * differs is reported as known; one that agrees is reported as a difference ("remove it from the
 * list"), so the list stays true.
 */
public final class KnownDeviations {
    private final Map<String, Set<Integer>> packets = new HashMap<>();

    private KnownDeviations() {
    }

    public static KnownDeviations none() {
        return new KnownDeviations();
    }

    public static KnownDeviations read(Path file) throws IOException {
        KnownDeviations known = new KnownDeviations();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 3);
            if (f.length < 3 || f[2].isBlank()) {
                throw new IOException(file + ":" + lineNo + ": expected case, packet and why, separated by tabs");
            }
            try {
                known.packets.computeIfAbsent(f[0], k -> new HashSet<>()).add(Integer.parseInt(f[1]));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNo + ": packet \"" + f[1] + "\" is not a number");
            }
        }
        return known;
    }

    boolean covers(String caseName, int packet) {
        return packets.getOrDefault(caseName, Set.of()).contains(packet);
    }

    boolean coversAny(String caseName) {
        return packets.containsKey(caseName);
    }
}
