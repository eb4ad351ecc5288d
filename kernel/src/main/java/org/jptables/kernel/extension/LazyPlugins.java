package org.jptables.kernel.extension;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jptables.api.MatchExtension;
import org.jptables.api.TargetExtension;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;

/**
 * The jars of an up-to-date {@link PluginIndex}, each loaded through PF4J the first time a name it
 * provides is looked up, as iptables loads {@code libxt_NAME.so} when a rule names it.
 */
final class LazyPlugins {
    private final PluginManager manager;
    private final Path dir;
    private final Map<String, PluginIndex.Entry> matches = new HashMap<>();
    private final Map<String, PluginIndex.Entry> targets = new HashMap<>();
    private final List<PluginIndex.Entry> entries;
    private final Set<String> loaded = new HashSet<>();

    LazyPlugins(PluginManager manager, Path dir, List<PluginIndex.Entry> entries) {
        this.manager = manager;
        this.dir = dir;
        this.entries = entries;
        for (PluginIndex.Entry e : entries) {
            (e.kind().equals("match") ? matches : targets).put(e.name(), e);
        }
    }

    /** Loads the jar that provides {@code kind name}, if the index names one; whether it did. */
    boolean load(String kind, String name, ExtensionRegistry into) {
        PluginIndex.Entry e = (kind.equals("match") ? matches : targets).get(name);
        return e != null && loadJar(e, into);
    }

    /** Loads the jars holding implicit matches (their options need no -m, so any rule may use them). */
    void loadImplicit(ExtensionRegistry into) {
        for (PluginIndex.Entry e : entries) {
            if (e.implicit()) {
                loadJar(e, into);
            }
        }
    }

    void loadAll(ExtensionRegistry into) {
        for (PluginIndex.Entry e : entries) {
            loadJar(e, into);
        }
    }

    private boolean loadJar(PluginIndex.Entry e, ExtensionRegistry into) {
        String file = e.jar().file();
        if (!loaded.add(file)) {
            return false;
        }
        String id = manager.loadPlugin(dir.resolve(file));
        if (id == null || manager.startPlugin(id) != PluginState.STARTED) {
            // the index checked size and checksum, so this jar started before: only a changed
            // plugin-api could refuse it, and the index is not used across plugin-api versions
            throw new IllegalStateException(file + ": does not start although " + PluginIndex.FILE + " lists it");
        }
        List<MatchExtension> m = manager.getExtensions(MatchExtension.class, id);
        List<TargetExtension> t = manager.getExtensions(TargetExtension.class, id);
        into.addJar(m, t, e.origin(), file);
        return true;
    }
}
