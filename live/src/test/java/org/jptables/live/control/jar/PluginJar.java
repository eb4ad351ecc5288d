package org.jptables.live.control.jar;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Writes a PF4J plugin jar holding {@link SrcQuotaMatch}, as the build writes a plugin's. */
public final class PluginJar {
    private PluginJar() {
    }

    /** The jar {@code file}, with the match's classes, its extensions index and its descriptor. */
    public static Path srcquota(Path file) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Plugin-Id", "srcquota");
        a.putValue("Plugin-Version", "1.0.0");
        a.putValue("Plugin-Requires", ">=0.1.0 & <0.2.0");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("META-INF/extensions.idx"));
            jar.write((SrcQuotaMatch.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            String folder = SrcQuotaMatch.class.getPackageName().replace('.', '/') + "/";
            for (Path classFile : classFiles()) {
                jar.putNextEntry(new JarEntry(folder + classFile.getFileName()));
                try (InputStream in = Files.newInputStream(classFile)) {
                    in.transferTo(jar);
                }
            }
        }
        return file;
    }

    /** SrcQuotaMatch.class and its nested classes, from the test classes' folder. */
    private static List<Path> classFiles() throws IOException {
        try {
            Path self = Path.of(SrcQuotaMatch.class.getResource("SrcQuotaMatch.class").toURI());
            try (Stream<Path> files = Files.list(self.getParent())) {
                return files.filter(f -> f.getFileName().toString().startsWith("SrcQuotaMatch")).toList();
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }
}
