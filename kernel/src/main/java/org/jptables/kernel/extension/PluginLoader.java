package org.jptables.kernel.extension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.jptables.api.Extension;
import org.jptables.api.MatchExtension;
import org.jptables.api.TargetExtension;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginRepository;
import org.pf4j.PluginManager;
import org.pf4j.PluginRepository;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads the match and target extensions with PF4J: every plugin jar in the plugins directory, plus
 * extensions already on the class path (how plugin tests see the plugin under test). A jar that
 * cannot be used becomes a one-line warning naming it and the reason; the others keep working.
 */
public final class PluginLoader {
    /** The plugin-api version plugins declare compatibility with (Plugin-Requires). */
    public static final String API_VERSION = "0.1.0";

    private PluginLoader() {
    }

    /**
     * The registry of the plugins in {@code pluginsDir} (which may be absent) and the class path.
     * Where the directory's {@link PluginIndex} describes every jar in it, each jar is loaded when a
     * name it provides is first looked up; otherwise every jar is loaded now, and the index is
     * written anew for the next command (if the directory is writable).
     */
    public static ExtensionRegistry load(Path pluginsDir) {
        PluginManager manager = newManager(pluginsDir);
        if (Files.isDirectory(pluginsDir)) {
            ExtensionRegistry onDemand = onDemand(manager, pluginsDir);
            if (onDemand != null) {
                return onDemand;
            }
        }
        ExtensionRegistry registry = loadAll(manager, pluginsDir);
        if (Files.isWritable(pluginsDir)) {
            try {
                PluginIndex.write(pluginsDir, registry);
            } catch (IOException e) {
                // only a cache: the next command loads every jar again
            }
        }
        return registry;
    }

    /** Every jar of {@code pluginsDir} and the class path, loaded and indexed into {@code pluginsDir}. */
    public static ExtensionRegistry index(Path pluginsDir) throws IOException {
        ExtensionRegistry registry = loadAll(newManager(pluginsDir), pluginsDir);
        PluginIndex.write(pluginsDir, registry);
        return registry;
    }

    private static PluginManager newManager(Path pluginsDir) {
        PluginManager manager = new DefaultPluginManager(pluginsDir) {
            @Override
            protected PluginRepository createPluginRepository() {
                return new JarPluginRepository(getPluginsRoots());
            }
        };
        manager.setSystemVersion(API_VERSION);
        return manager;
    }

    /** The registry with jars loaded on demand, or null when the index is missing or does not describe every jar. */
    private static ExtensionRegistry onDemand(PluginManager manager, Path dir) {
        PluginIndex index = PluginIndex.read(dir);
        if (index == null) {
            return null;
        }
        Map<String, PluginIndex.Jar> described = new HashMap<>();
        for (PluginIndex.Entry e : index.entries()) {
            described.put(e.jar().file(), e.jar());
        }
        List<PluginIndex.Entry> present = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> onDisk = new HashSet<>();
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                PluginIndex.Jar entry = described.get(jar.getFileName().toString());
                if (entry == null || !entry.describes(jar)) {
                    return null;
                }
                onDisk.add(entry.file());
            }
            for (PluginIndex.Entry e : index.entries()) {
                if (onDisk.contains(e.jar().file())) {
                    present.add(e);
                }
            }
        } catch (IOException e) {
            return null;
        }
        ExtensionRegistry registry = ExtensionRegistry.of(manager.getExtensions(MatchExtension.class),
                manager.getExtensions(TargetExtension.class), Map.of());
        // two jars providing one name are refused at start, as when every jar is loaded
        Map<String, PluginIndex.Entry> seen = new HashMap<>();
        for (PluginIndex.Entry e : present) {
            PluginIndex.Entry previous = seen.putIfAbsent(e.kind() + " " + e.name(), e);
            if (previous != null && !previous.jar().equals(e.jar())) {
                throw new DuplicateExtensionException(e.kind() + " `" + e.name() + "' is provided by both "
                        + previous.origin() + " and " + e.origin());
            }
            boolean onClassPath = e.kind().equals("match") ? registry.match(e.name()) != null
                    : registry.target(e.name()) != null;
            if (onClassPath) {
                throw new DuplicateExtensionException(e.kind() + " `" + e.name() + "' is provided by both class path and "
                        + e.origin());
            }
        }
        LazyPlugins lazy = new LazyPlugins(manager, dir, present);
        registry.lazy(lazy);
        lazy.loadImplicit(registry);
        return registry;
    }

    private static ExtensionRegistry loadAll(PluginManager manager, Path pluginsDir) {
        List<String> warnings = new ArrayList<>();
        if (Files.isDirectory(pluginsDir)) {
            manager.loadPlugins();
            manager.startPlugins();
            warnings.addAll(problems(manager, pluginsDir));
        }
        List<MatchExtension> matches = manager.getExtensions(MatchExtension.class);
        List<TargetExtension> targets = manager.getExtensions(TargetExtension.class);
        Map<Extension, String> origin = new HashMap<>();
        Map<Extension, String> jars = new HashMap<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            String jar = plugin.getPluginPath().getFileName().toString();
            String from = jar + " (" + plugin.getPluginId() + " " + plugin.getDescriptor().getVersion() + ")";
            for (MatchExtension m : manager.getExtensions(MatchExtension.class, plugin.getPluginId())) {
                origin.put(find(matches, m), from);
                jars.put(find(matches, m), jar);
            }
            for (TargetExtension t : manager.getExtensions(TargetExtension.class, plugin.getPluginId())) {
                origin.put(find(targets, t), from);
                jars.put(find(targets, t), jar);
            }
        }
        ExtensionRegistry registry = ExtensionRegistry.of(matches, targets, origin, jars);
        registry.warnings().addAll(warnings);
        return registry;
    }

    /** Why each jar of the directory that did not start is unusable. */
    private static List<String> problems(PluginManager manager, Path dir) {
        List<String> out = new ArrayList<>();
        Set<Path> known = new HashSet<>();
        for (PluginWrapper p : manager.getPlugins()) {
            known.add(p.getPluginPath().toAbsolutePath().normalize());
            if (p.getPluginState() != PluginState.STARTED) {
                String why = p.getFailedException() != null ? oneLine(p.getFailedException())
                        : p.getPluginState() == PluginState.DISABLED
                        ? "requires plugin-api " + p.getDescriptor().getRequires() + ", this is " + API_VERSION
                        : "not started (" + p.getPluginState() + ")";
                out.add(p.getPluginPath().getFileName() + ": " + why);
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                if (!known.contains(jar.toAbsolutePath().normalize())) {
                    out.add(jar.getFileName() + ": " + descriptorProblem(jar));
                }
            }
        } catch (IOException e) {
            out.add(dir + ": " + oneLine(e));
        }
        return out;
    }

    private static String descriptorProblem(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Plugin-Id") == null) {
                return "not a plugin (no Plugin-Id in META-INF/MANIFEST.MF)";
            }
            if (manifest.getMainAttributes().getValue("Plugin-Version") == null) {
                return "bad plugin descriptor (no Plugin-Version)";
            }
            return "cannot be loaded (is another jar providing the same Plugin-Id?)";
        } catch (IOException e) {
            return "not a readable jar (" + oneLine(e) + ")";
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The instance of the same class in {@code all}: PF4J hands out singletons per class. */
    private static <T> T find(List<T> all, T one) {
        for (T t : all) {
            if (t.getClass() == one.getClass()) {
                return t;
            }
        }
        return one;
    }
}
