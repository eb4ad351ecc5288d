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
 * Where the state file, the plugins and the live daemon's control socket are, where LOG lines go, and
 * how connections are tracked. Each value comes from the first of: the command line ({@code --state
 * FILE}, {@code --plugins DIR}, {@code --control SOCKET}, leading the arguments), the environment
 * ({@code JPTABLES_STATE}, {@code JPTABLES_PLUGINS}, {@code JPTABLES_CONTROL}), {@code conf/jptables.yaml}
 * under the distribution's home ({@code JPTABLES_HOME}, set by the start scripts; its relative paths are
 * resolved against that home), else the built-in defaults {@code var/jptables.rules}, {@code plugins/}
 * and {@code var/run/jptables.sock} under the home.
 *
 * <p>While the state file does not exist, every command sees the initial ruleset: {@code JPTABLES_INITIAL},
 * else {@code initial:} of jptables.yaml, else {@code conf/default.rules} under the home if there is one
 * (a fresh installation holds the seed's ruleset, as a fresh CentOS 6 server does), else nothing.
 *
 * <p>While a daemon listens on the control socket, the iptables command line, save and restore act on
 * its live ruleset; {@code --offline} (or {@code JPTABLES_OFFLINE} set to anything but empty or 0)
 * keeps a command on the state file.
 *
 * @param control   the live daemon's control socket
 * @param offline   whether the command works on the state file even while a daemon listens
 * @param initial   the initial ruleset file, or null for empty tables (Linux after boot)
 * @param log       file for LOG lines during a replay, or null (from jptables.yaml only)
 * @param conntrack the connection tracker's settings (jptables.yaml over the kernel's defaults)
 * @param eval      how chains are evaluated ({@code eval:} of jptables.yaml, compiled by default;
 *                  the commands that run packets take {@code --eval} over it)
 */
public record Settings(Path state, Path plugins, Path control, boolean offline, Path initial, Path log,
                       ConntrackConfig conntrack, EvalMode eval, List<String> args) {

    /** jptables' own options that take a value; they lead the arguments, before any tool's name. */
    public static final List<String> PATH_OPTIONS = List.of("--state", "--plugins", "--control");

    /** jptables' own option that stands alone. */
    public static final String OFFLINE_OPTION = "--offline";

    /**
     * How many of {@code args}' first words are jptables' own options ({@code --state FILE},
     * {@code --plugins=DIR}, {@code --offline}, ...): where a tool's name or iptables' words begin.
     */
    public static int ownOptions(List<String> args) {
        int at = 0;
        while (at < args.size()) {
            String a = args.get(at);
            if (PATH_OPTIONS.contains(a) && at + 1 < args.size()) {
                at += 2;
            } else if (a.equals(OFFLINE_OPTION) || pathOptionWithValue(a)) {
                at++;
            } else {
                break;
            }
        }
        return at;
    }

    /** Whether {@code word} is {@code --state=FILE}, {@code --plugins=DIR} or {@code --control=SOCKET}. */
    private static boolean pathOptionWithValue(String word) {
        // no lambda nor string concatenation: every command comes here, and their first use costs milliseconds
        for (String option : PATH_OPTIONS) {
            if (word.length() > option.length() && word.startsWith(option) && word.charAt(option.length()) == '=') {
                return true;
            }
        }
        return false;
    }

    /** Takes jptables' own options from the start of {@code args}. */
    public static Settings from(List<String> args, Map<String, String> env) throws UsageError {
        Path home = Path.of(env.getOrDefault("JPTABLES_HOME", "."));
        String state = null;
        String plugins = null;
        String control = null;
        boolean offline = false;
        List<String> rest = new ArrayList<>();
        // jptables' own options lead the line: after them everything is iptables' (where -m state
        // has a --state of its own)
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            String option = a;
            if (PATH_OPTIONS.contains(a)) {
                if (i + 1 >= args.size()) {
                    throw new UsageError("option \"" + a + "\" requires an argument");
                }
                value = args.get(++i);
            } else if (a.equals(OFFLINE_OPTION)) {
                offline = true;
                continue;
            } else if (pathOptionWithValue(a)) {
                int eq = a.indexOf('=');
                option = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else {
                break;
            }
            switch (option) {
                case "--state" -> state = value;
                case "--plugins" -> plugins = value;
                default -> control = value;
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
        Path controlPath = first(control, env.get("JPTABLES_CONTROL"), config.control(),
                home.resolve("var").resolve("run").resolve("jptables.sock"));
        String offlineEnv = env.get("JPTABLES_OFFLINE");
        offline |= offlineEnv != null && !offlineEnv.isEmpty() && !offlineEnv.equals("0");
        Path defaultInitial = home.resolve("conf").resolve("default.rules");
        Path initialPath = first(null, env.get("JPTABLES_INITIAL"), config.initial(),
                Files.isRegularFile(defaultInitial) ? defaultInitial : null);
        return new Settings(statePath, pluginsPath, controlPath, offline, initialPath, config.log(), config.conntrack(),
                config.eval(), rest);
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
