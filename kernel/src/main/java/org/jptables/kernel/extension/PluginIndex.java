package org.jptables.kernel.extension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Which plugin jar provides which extension, so that a command loads only the jars it needs, as
 * iptables loads {@code libxt_NAME.so} on demand. The file ({@value #FILE} in the plugins
 * directory) is written when the distribution is built, and again whenever a command finds it
 * stale; it is only a cache: a jar whose size or checksum differs from its entry, or that has none,
 * is loaded the old way (every jar at start), so a jar dropped in by hand is always found.
 *
 * <p>One line per extension name or alias: {@code jar size crc32 kind name implicit origin}, tab
 * separated; {@code kind} is {@code match} or {@code target}, {@code implicit} is 1 for a match
 * whose options need no {@code -m} (those jars are loaded at start).
 */
public final class PluginIndex {
    public static final String FILE = "plugins.index";
    /** Names the plugin-api version too: jars that started under another version may not start now. */
    private static final String HEADER = "# jptables plugin index (plugin-api " + PluginLoader.API_VERSION
            + "): jar size crc32 kind name implicit origin";

    /** One jar as the index knows it. */
    public record Jar(String file, long size, long crc) {
        /** Whether {@code jar} on disk is still the jar this entry describes. */
        boolean describes(Path jar) {
            try {
                return Files.size(jar) == size && PluginIndex.crc(jar) == crc;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** One extension name (or alias) and the jar that provides it. */
    public record Entry(Jar jar, String kind, String name, boolean implicit, String origin) {
    }

    private final List<Entry> entries;

    private PluginIndex(List<Entry> entries) {
        this.entries = entries;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The index of {@code dir}, or null when there is none or it cannot be read (then it is simply not used). */
    public static PluginIndex read(Path dir) {
        Path file = dir.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            return null;
        }
        Map<String, Jar> jars = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 7 || !(f[3].equals("match") || f[3].equals("target"))) {
                return null;
            }
            try {
                Jar jar = jars.computeIfAbsent(f[0], k -> new Jar(k, Long.parseLong(f[1]), Long.parseLong(f[2])));
                entries.add(new Entry(jar, f[3], f[4], f[5].equals("1"), f[6]));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new PluginIndex(entries);
    }

    /** Writes the index of the loaded jars of {@code registry} into {@code dir} (atomically: readers never see half). */
    public static void write(Path dir, ExtensionRegistry registry) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        Map<String, Jar> jars = new LinkedHashMap<>();
        appendAll(out, dir, jars, registry, "match", registry.matches());
        appendAll(out, dir, jars, registry, "target", registry.targets());
        Path tmp = dir.resolve(FILE + ".tmp" + ProcessHandle.current().pid());
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void appendAll(StringBuilder out, Path dir, Map<String, Jar> jars, ExtensionRegistry registry,
                                  String kind, Iterable<? extends org.jptables.api.Extension> extensions)
            throws IOException {
        for (org.jptables.api.Extension e : extensions) {
            String jarName = registry.jarOf(e);
            if (jarName == null) {
                continue; // from the class path, not a plugin jar
            }
            Jar jar = jars.get(jarName);
            if (jar == null) {
                Path path = dir.resolve(jarName);
                jar = new Jar(jarName, Files.size(path), crc(path));
                jars.put(jarName, jar);
            }
            boolean implicit = e instanceof org.jptables.api.MatchExtension m && m.implicit();
            List<String> names = new ArrayList<>();
            names.add(e.name());
            names.addAll(e.aliases());
            for (String name : names) {
                out.append(jar.file()).append('\t').append(jar.size()).append('\t').append(jar.crc()).append('\t')
                        .append(kind).append('\t').append(name).append('\t').append(implicit ? '1' : '0').append('\t')
                        .append(registry.origin(e)).append('\n');
            }
        }
    }

    static long crc(Path jar) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(Files.readAllBytes(jar));
        return crc.getValue();
    }
}
