package org.jptables.fleet;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jptables.api.Names;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.conntrack.ConntrackConfig;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.path.PacketPath;
import org.jptables.language.CommandParser;
import org.jptables.language.RestoreException;
import org.jptables.language.RestoreReader;
import org.jptables.language.names.SystemNames;

/**
 * One host's kernel, built inside the task that replays it: the ruleset parsed by the same parser
 * and plugins as {@code jptables replay --rules}, the host, and a packet path with its own
 * connection tracker. Nothing of one host's kernel is shared with another's but the plugins' code.
 */
final class HostKernel {
    /**
     * One registry per plugins directory and JVM (a task manager runs several tasks): PF4J's start-up
     * is paid once, as in the commands' Session.
     */
    private static final Map<Path, ExtensionRegistry> REGISTRIES = new ConcurrentHashMap<>();
    private static volatile Names names;

    private HostKernel() {
    }

    /**
     * The ruleset of an iptables-save text (or a state file, which is one) with every counter at
     * zero: the fleet counts this replay's packets only.
     */
    static Ruleset ruleset(String text, String source, Path plugins) throws IOException {
        ExtensionRegistry registry = REGISTRIES.computeIfAbsent(plugins.toAbsolutePath().normalize(), PluginLoader::load);
        Ruleset ruleset = new Ruleset();
        // the registry loads plugin jars on first use of a name; parsing is a few milliseconds per host,
        // so the tasks of one JVM take turns rather than make the lazy loading thread-safe
        synchronized (registry) {
            Map<String, Object> shared = new HashMap<>();
            try {
                new RestoreReader(new CommandParser(registry, names(), shared, true), names(), true, false, false, null)
                        .restore(List.of(text.split("\n", -1)), ruleset);
            } catch (RestoreException e) {
                throw new HostFailure(source + ": line " + e.line() + ": " + e.getMessage(), e);
            }
        }
        for (Table t : ruleset.tables()) {
            t.zeroAll();
        }
        return ruleset;
    }

    static Host host(HostSpec spec) throws IOException {
        if (spec.hostYaml == null) {
            return Host.conformance();
        }
        try {
            return Host.read(new ByteArrayInputStream(spec.hostYaml.getBytes(StandardCharsets.UTF_8)), spec.hostSource);
        } catch (IOException e) {
            throw new HostFailure(e.getMessage(), e);
        }
    }

    /**
     * Builds the host's kernels once on the client, before the job: a ruleset or host file that
     * cannot be used is told at once, by name, instead of failing a task (and its re-runs) later.
     */
    static void check(HostSpec spec, Path plugins) throws IOException {
        host(spec);
        ruleset(spec.rules, spec.rulesSource, plugins);
        if (spec.candidate != null) {
            ruleset(spec.candidate, spec.candidateSource, plugins);
        }
    }

    /** The packet path as {@code jptables replay} makes it, with the default tracker settings. */
    static PacketPath path(Ruleset ruleset, Host host, FleetOptions options) {
        return path(ruleset, host, options, tracker(options));
    }

    /** The path with the tracker given (a split replay reads its count). */
    static PacketPath path(Ruleset ruleset, Host host, FleetOptions options, ConnectionTracker tracker) {
        return new PacketPath(ruleset, host, tracker)
                .checkIpHeaders(options.checksums()).quietHost(options.quietHost()).evaluation(options.eval());
    }

    /** A connection tracker with the default settings, as {@code jptables replay}'s. */
    static ConnectionTracker tracker(FleetOptions options) {
        return new ConnectionTracker(ConntrackConfig.defaults().withChecksum(options.checksums()));
    }

    private static Names names() {
        if (names == null) {
            names = SystemNames.fromEtc();
        }
        return names;
    }
}
