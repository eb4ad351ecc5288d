package org.jptables.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jptables.commands.config.JptablesConfig;
import org.jptables.kernel.conntrack.ConntrackConfig;
import org.jptables.kernel.eval.EvalMode;

/**
 * Where the state file and the plugins are, where LOG lines go, and how connections are tracked.
 * Each value comes from the first of: the command line ({@code --state FILE}, {@code --plugins DIR},
 * leading the arguments), the environment ({@code JPTABLES_STATE}, {@code JPTABLES_PLUGINS}),
 * {@code conf/jptables.yaml} under the distribution's home ({@code JPTABLES_HOME}, set by the start
 * scripts; its relative paths are resolved against that home), else the built-in defaults
 * {@code var/jptables.rules} and {@code plugins/} under the home.
 *
 * <p>While the state file does not exist, every command sees the initial ruleset: {@code JPTABLES_INITIAL},
 * else {@code initial:} of jptables.yaml, else {@code conf/default.rules} under the home if there is one
 * (a fresh installation holds the seed's ruleset, as a fresh CentOS 6 server does), else nothing.
 *
 * @param initial   the initial ruleset file, or null for empty tables (Linux after boot)
 * @param log       file for LOG lines during a replay, or null (from jptables.yaml only)
 * @param conntrack the connection tracker's settings (jptables.yaml over the kernel's defaults)
 * @param eval      how chains are evaluated ({@code eval:} of jptables.yaml, compiled by default;
 *                  the commands that run packets take {@code --eval} over it)
 */
public record Settings(Path state, Path plugins, Path initial, Path log, ConntrackConfig conntrack, EvalMode eval,
                       List<String> args) {

    /** Takes jptables' own options from the start of {@code args}. */
    public static Settings from(List<String> args, Map<String, String> env) throws UsageError {
        Path home = Path.of(env.getOrDefault("JPTABLES_HOME", "."));
        String state = null;
        String plugins = null;
        List<String> rest = new ArrayList<>();
        // jptables' own options lead the line: after them everything is iptables' (where -m state
        // has a --state of its own)
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--state") || a.equals("--plugins")) {
                if (i + 1 >= args.size()) {
                    throw new UsageError("option \"" + a + "\" requires an argument");
                }
                if (a.equals("--state")) {
                    state = args.get(++i);
                } else {
                    plugins = args.get(++i);
                }
            } else if (a.startsWith("--state=")) {
                state = a.substring("--state=".length());
            } else if (a.startsWith("--plugins=")) {
                plugins = a.substring("--plugins=".length());
            } else {
                break;
            }
        }
        rest.addAll(args.subList(i, args.size()));
        JptablesConfig config;
        try {
            config = JptablesConfig.read(home.resolve("conf").resolve("jptables.yaml"), home);
        } catch (JptablesConfig.ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
        Path statePath = first(state, env.get("JPTABLES_STATE"), config.state(),
                home.resolve("var").resolve("jptables.rules"));
        Path pluginsPath = first(plugins, env.get("JPTABLES_PLUGINS"), config.plugins(), home.resolve("plugins"));
        Path defaultInitial = home.resolve("conf").resolve("default.rules");
        Path initialPath = first(null, env.get("JPTABLES_INITIAL"), config.initial(),
                Files.isRegularFile(defaultInitial) ? defaultInitial : null);
        return new Settings(statePath, pluginsPath, initialPath, config.log(), config.conntrack(), config.eval(), rest);
    }

    /** {@code --eval}'s argument, or the reason it is not one. */
    public static EvalMode evalMode(String text) throws UsageError {
        EvalMode mode = EvalMode.parse(text);
        if (mode == null) {
            throw new UsageError("--eval: \"" + text + "\" is not linear or compiled");
        }
        return mode;
    }

    private static Path first(String option, String environment, Path configured, Path fallback) {
        if (option != null) {
            return Path.of(option);
        }
        if (environment != null && !environment.isEmpty()) {
            return Path.of(environment);
        }
        return configured != null ? configured : fallback;
    }

    /** A jptables option used wrongly. */
    public static class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }

    /** conf/jptables.yaml cannot be used: not the command line's fault, so no "try -h". */
    public static final class ConfigError extends UsageError {
        private static final long serialVersionUID = 1L;

        public ConfigError(String message) {
            super(message);
        }
    }
}
