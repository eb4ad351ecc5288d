package org.jptables.kernel.extension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jptables.api.Extension;
import org.jptables.api.MatchExtension;
import org.jptables.api.TargetExtension;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginWrapper;

/**
 * Loads the match and target extensions with PF4J: every plugin jar in the plugins directory, plus
 * extensions already on the class path (how plugin tests see the plugin under test).
 */
public final class PluginLoader {
    private PluginLoader() {
    }

    /** The registry of the plugins in {@code pluginsDir} (which may be absent) and the class path. */
    public static ExtensionRegistry load(Path pluginsDir) {
        PluginManager manager = new DefaultPluginManager(pluginsDir) {
            @Override
            protected org.pf4j.PluginRepository createPluginRepository() {
                return new org.pf4j.JarPluginRepository(getPluginsRoots());
            }
        };
        if (Files.isDirectory(pluginsDir)) {
            manager.loadPlugins();
            manager.startPlugins();
        }
        List<MatchExtension> matches = manager.getExtensions(MatchExtension.class);
        List<TargetExtension> targets = manager.getExtensions(TargetExtension.class);
        Map<Extension, String> origin = new HashMap<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            String jar = plugin.getPluginPath().getFileName().toString();
            for (MatchExtension m : manager.getExtensions(MatchExtension.class, plugin.getPluginId())) {
                origin.put(find(matches, m), jar);
            }
            for (TargetExtension t : manager.getExtensions(TargetExtension.class, plugin.getPluginId())) {
                origin.put(find(targets, t), jar);
            }
        }
        return ExtensionRegistry.of(matches, targets, origin);
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
