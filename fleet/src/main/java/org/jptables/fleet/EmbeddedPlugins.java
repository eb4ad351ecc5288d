package org.jptables.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The plugins the job jar carries ({@code plugins/*.jar} inside it), for a cluster whose task
 * managers have no jptables installed: unpacked once per task manager JVM into a temporary
 * directory, which PF4J then loads as any plugins directory.
 */
final class EmbeddedPlugins {
    /** The plugins "directory" that means: the ones inside the job jar. */
    static final String EMBEDDED = "embedded:";
    private static Path unpacked;

    private EmbeddedPlugins() {
    }

    /** Whether this class was loaded from a jar that holds plugins (the job jar; not lib/fleet's jar). */
    static boolean present() {
        try {
            return !pluginEntries().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The plugins directory an option names: {@link #EMBEDDED} becomes the unpacked copy. */
    static synchronized Path directory(String option) {
        if (!EMBEDDED.equals(option)) {
            return Path.of(option);
        }
        if (unpacked == null) {
            try (ZipFile jar = new ZipFile(ownJar().toFile())) {
                Path dir = Files.createTempDirectory("jptables-plugins");
                dir.toFile().deleteOnExit();
                for (String name : pluginEntries()) {
                    Path target = dir.resolve(name.substring("plugins/".length()));
                    try (InputStream in = jar.getInputStream(jar.getEntry(name))) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    target.toFile().deleteOnExit();
                }
                unpacked = dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot unpack the job jar's plugins", e);
            }
        }
        return unpacked;
    }

    private static List<String> pluginEntries() throws IOException {
        Path own = ownJar();
        List<String> names = new ArrayList<>();
        if (own == null || !Files.isRegularFile(own)) {
            return names;
        }
        try (ZipFile jar = new ZipFile(own.toFile())) {
            for (Enumeration<? extends ZipEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.startsWith("plugins/") && name.endsWith(".jar") && name.indexOf('/', 8) < 0) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static Path ownJar() {
        CodeSource source = EmbeddedPlugins.class.getProtectionDomain().getCodeSource();
        try {
            return source == null || source.getLocation() == null ? null : Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
