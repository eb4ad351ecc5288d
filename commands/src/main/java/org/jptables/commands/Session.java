package org.jptables.commands;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jptables.api.Names;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.ipset.SetStore;
import org.jptables.language.CommandParser;
import org.jptables.language.names.SystemNames;

/**
 * What every tool needs: the extensions (loaded once per plugins directory and process, so tests
 * and long-running callers pay PF4J's start-up once) and the name databases.
 */
final class Session {
    private static final Map<Path, ExtensionRegistry> REGISTRIES = new ConcurrentHashMap<>();

    final Settings settings;
    final ExtensionRegistry registry;
    final Names names;
    final Map<String, Object> shared = new HashMap<>();
    /** The sets of ipset, filled from the state file when the ruleset is loaded. */
    final SetStore sets = new SetStore();

    Session(Settings settings, java.io.PrintStream err) {
        this.settings = settings;
        this.registry = REGISTRIES.computeIfAbsent(settings.plugins().toAbsolutePath().normalize(),
                PluginLoader::load);
        this.names = SystemNames.fromEtc();
        for (String warning : registry.warnings()) {
            err.print("jptables: warning: plugin " + warning + "\n");
        }
    }

    CommandParser parser(boolean restore) {
        return parser(restore, sets);
    }

    /** A parser whose rules find their sets through {@code ipSets} (the same store, reached another way). */
    CommandParser parser(boolean restore, org.jptables.api.IpSets ipSets) {
        return new CommandParser(registry, names, shared, restore, ipSets);
    }
}
