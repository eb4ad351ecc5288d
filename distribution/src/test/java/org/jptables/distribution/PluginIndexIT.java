package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.jptables.kernel.extension.DuplicateExtensionException;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginIndex;
import org.jptables.kernel.extension.PluginLoader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars loaded on demand through plugins.index, and everything else as before when it is stale. */
class PluginIndexIT {
    @TempDir
    Path tmp;

    /** A folder inside the test's own temporary folder, so that a jar put beside it stays there too. */
    Path plugins;

    @BeforeEach
    void copyTheDistributionsJars() throws IOException {
        plugins = Files.createDirectory(tmp.resolve("plugins"));
        try (Stream<Path> jars = Files.list(Jptables.HOME.resolve("plugins"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
    }

    private Path jar(String prefix) throws IOException {
        try (Stream<Path> jars = Files.list(plugins)) {
            return jars.filter(j -> j.getFileName().toString().startsWith(prefix + "-0")).findFirst().orElseThrow();
        }
    }

    @Test
    void theShippedDistributionHasAnUpToDateIndex() {
        assertTrue(PluginLoader.load(Jptables.HOME.resolve("plugins")).onDemand(),
                "the build writes plugins/" + PluginIndex.FILE + " for the jars it ships");
    }

    @Test
    void indexedJarsAreLoadedWhenARuleNamesThem() throws IOException {
        PluginLoader.index(plugins);
        ExtensionRegistry registry = PluginLoader.load(plugins);
        assertTrue(registry.onDemand());
        // the header options (-p -s -d -i -o -f) need no -m: their jars are loaded at start
        assertEquals(Set.of(jar("interface").getFileName().toString(), jar("ip-header").getFileName().toString()),
                registry.loadedJars());
        assertNotNull(registry.match("tcp"));
        assertNotNull(registry.target("REJECT"));
        assertTrue(registry.loadedJars().contains(jar("tcp").getFileName().toString()));
        assertTrue(registry.loadedJars().contains(jar("reject").getFileName().toString()));
        assertFalse(registry.loadedJars().contains(jar("mark").getFileName().toString()));
        assertEquals(null, registry.match("nosuchmatch"));
        // --list-plugins sees every jar, exactly as when all are loaded at start
        int all = registry.matches().size() + registry.targets().size();
        try (Stream<Path> jars = Files.list(plugins)) {
            assertEquals(jars.filter(j -> j.toString().endsWith(".jar")).count(), registry.loadedJars().size());
        }
        Files.delete(plugins.resolve(PluginIndex.FILE));
        plugins.toFile().setWritable(false);
        try {
            ExtensionRegistry eager = PluginLoader.load(plugins);
            assertFalse(eager.onDemand());
            assertEquals(all, eager.matches().size() + eager.targets().size());
        } finally {
            plugins.toFile().setWritable(true);
        }
    }

    @Test
    void aJarDroppedInIsFoundAndTheIndexRenewed() throws IOException {
        Path mark = jar("mark");
        Path aside = Files.move(mark, plugins.resolveSibling("aside.jar"));
        PluginLoader.index(plugins);
        Files.move(aside, mark);
        ExtensionRegistry stale = PluginLoader.load(plugins);
        assertFalse(stale.onDemand(), "a jar the index does not describe: every jar loaded");
        assertNotNull(stale.match("mark"));
        ExtensionRegistry renewed = PluginLoader.load(plugins);
        assertTrue(renewed.onDemand(), "the command that found the index stale wrote it anew");
        assertNotNull(renewed.match("mark"));
    }

    @Test
    void aBrokenJarIsReportedByEveryCommand() throws IOException {
        PluginLoader.index(plugins);
        Files.write(plugins.resolve("broken.jar"), new byte[] {1, 2, 3});
        for (int i = 0; i < 2; i++) {
            ExtensionRegistry registry = PluginLoader.load(plugins);
            assertFalse(registry.onDemand());
            assertTrue(registry.warnings().stream().anyMatch(w -> w.startsWith("broken.jar: not a readable jar")),
                    registry.warnings().toString());
            assertNotNull(registry.match("tcp"), "the other jars keep working");
        }
    }

    @Test
    void aChangedJarIsNotTrustedToTheIndex() throws IOException {
        PluginLoader.index(plugins);
        Path tcp = jar("tcp");
        Files.write(tcp, new byte[] {'P', 'K', 0});
        ExtensionRegistry registry = PluginLoader.load(plugins);
        assertFalse(registry.onDemand());
        assertTrue(registry.warnings().stream().anyMatch(w -> w.startsWith(tcp.getFileName() + ": ")),
                registry.warnings().toString());
        assertEquals(null, registry.match("tcp"));
    }

    @Test
    void twoJarsProvidingOneNameAreRefused() throws IOException {
        PluginLoader.index(plugins);
        copyWithPluginId(jar("tcp"), plugins.resolve("tcp-again.jar"), "tcp-again");
        DuplicateExtensionException e = assertThrows(DuplicateExtensionException.class, () -> PluginLoader.load(plugins));
        assertTrue(e.getMessage().startsWith("match `tcp' is provided by both "), e.getMessage());
        assertTrue(e.getMessage().contains("tcp-again"), e.getMessage());
    }

    /** The same classes under another Plugin-Id: a second plugin providing the same names. */
    private static void copyWithPluginId(Path from, Path to, String id) throws IOException {
        try (JarFile in = new JarFile(from.toFile())) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Plugin-Id", id);
            try (OutputStream file = Files.newOutputStream(to); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    out.write(in.getInputStream(entry).readAllBytes());
                    out.closeEntry();
                }
            }
        }
    }
}
