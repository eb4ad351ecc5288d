package org.jptables.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jptables.api.Names;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.ipset.SetStore;
import org.jptables.kernel.nfacct.AcctStore;
import org.jptables.language.CommandParser;
import org.jptables.language.names.SystemNames;

/**
 * What every tool needs: the extensions (loaded once per plugins directory and process, so tests
 * and long-running callers pay PF4J's start-up once) and the name databases. A long-running caller
 * (the live daemon) loads a plugins directory anew with {@link #reindex} and puts the result in use
 * with {@link #useRegistry}, after which every new session sees it.
 */
public final class Session {
    private static final Map<Path, ExtensionRegistry> REGISTRIES = new ConcurrentHashMap<>();

    final Settings settings;
    final ExtensionRegistry registry;
    final Names names;
    final Map<String, Object> shared = new HashMap<>();
    /** The sets of ipset, filled from the state file when the ruleset is loaded. */
    final SetStore sets = new SetStore();
    /** The accounting objects of nfacct, filled from the state file when the ruleset is loaded. */
    final AcctStore nfacct = new AcctStore();

    /** The extensions of {@code settings}' plugins directory; their warnings go to {@code err}. */
    public Session(Settings settings, PrintStream err) {
        this.settings = settings;
        this.registry = REGISTRIES.computeIfAbsent(key(settings.plugins()), PluginLoader::load);
        this.names = SystemNames.fromEtc();
        for (String warning : registry.warnings()) {
            err.print("jptables: warning: plugin " + warning + "\n");
        }
    }

    /** A parser for command lines ({@code restore} false) or for restore files and the state file. */
    public CommandParser parser(boolean restore) {
        return parser(restore, sets);
    }

    /** A parser whose rules find their sets through {@code ipSets} (the same store, reached another way). */
    public CommandParser parser(boolean restore, org.jptables.api.IpSets ipSets) {
        return parser(restore, ipSets, nfacct);
    }

    /** A parser whose rules find their sets and accounting objects through these (the stores, reached another way). */
    public CommandParser parser(boolean restore, org.jptables.api.IpSets ipSets, org.jptables.api.NfacctObjects objects) {
        return new CommandParser(registry, names, shared, restore, ipSets, objects);
    }

    /**
     * A parser for a command line read before the ruleset is loaded: its rules share nothing with
     * the session's (a RATEEST rule it builds makes no estimator the loaded ruleset would meet).
     */
    public CommandParser parserBeforeLoading(org.jptables.api.IpSets ipSets, org.jptables.api.NfacctObjects objects) {
        return new CommandParser(registry, names, new HashMap<>(), false, ipSets, objects);
    }

    /** The session's sets of ipset, filled when the ruleset is loaded; the rules use these. */
    public SetStore sets() {
        return sets;
    }

    /** The session's accounting objects of nfacct, filled when the ruleset is loaded. */
    public AcctStore nfacct() {
        return nfacct;
    }

    public ExtensionRegistry registry() {
        return registry;
    }

    public Names names() {
        return names;
    }

    /**
     * Every jar of {@code plugins} loaded anew (not the registry in use), its index written anew where
     * the directory is writable: what {@code --index-plugins} does.
     */
    public static ExtensionRegistry reindex(Path plugins) {
        try {
            return PluginLoader.index(plugins);
        } catch (IOException e) {
            // a read-only directory: the index is only a cache, the jars load all the same
            return PluginLoader.load(plugins);
        }
    }

    /** From now on, sessions on {@code plugins} use {@code registry}. */
    public static void useRegistry(Path plugins, ExtensionRegistry registry) {
        REGISTRIES.put(key(plugins), registry);
    }

    /** The next session on {@code plugins} loads its jars anew. */
    public static void forgetRegistry(Path plugins) {
        REGISTRIES.remove(key(plugins));
    }

    private static Path key(Path plugins) {
        return plugins.toAbsolutePath().normalize();
    }
}
