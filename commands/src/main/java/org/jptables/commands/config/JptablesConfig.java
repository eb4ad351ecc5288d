package org.jptables.commands.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.jptables.kernel.conntrack.ConntrackConfig;
import org.jptables.kernel.eval.EvalMode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * conf/jptables.yaml: where the plugins, the state and the daemon's control socket are, where LOG
 * lines go, and the connection tracker's sysctls. Every key is optional; a key given here loses to an environment variable and
 * to a command-line option, and wins over the built-in default. Relative paths are relative to the
 * distribution's home. An unknown key is an error naming the file and the key, because a misspelt
 * timeout silently ignored is worse than a refusal.
 *
 * @param plugins   plugins directory, or null
 * @param state     state file, or null
 * @param control   the live daemon's control socket, or null
 * @param initial   the ruleset a new installation holds (every command sees it until the state file exists), or null
 * @param log       file the LOG target's lines are appended to during a replay, or null
 * @param conntrack the tracker's settings: the kernel's defaults with this file's values over them
 */
public record JptablesConfig(Path plugins, Path state, Path control, Path initial, Path log, ConntrackConfig conntrack,
                             EvalMode eval) {

    /** The top-level keys; {@code conntrack} holds {@link #CONNTRACK_KEYS}. */
    private static final Set<String> KEYS = Set.of("plugins", "state", "control", "initial", "log", "checksums",
            "conntrack", "eval");

    /** conntrack's keys, named as the nf_conntrack sysctls without their prefix (timeouts in seconds). */
    private static final Set<String> CONNTRACK_KEYS = Set.of("max-entries", "tcp-loose", "tcp-be-liberal",
            "tcp-max-retrans", "timeouts");

    /** The timeouts: nf_conntrack_*_timeout_* with the prefix dropped, in the order of {@link ConntrackConfig}. */
    private static final String[] TIMEOUT_KEYS = {"tcp-syn-sent", "tcp-syn-recv", "tcp-established", "tcp-fin-wait",
        "tcp-close-wait", "tcp-last-ack", "tcp-time-wait", "tcp-close", "tcp-syn-sent2", "tcp-max-retrans",
        "tcp-unacknowledged", "udp", "udp-stream", "icmp", "generic"};

    /** No file: every value is the built-in default. */
    public static JptablesConfig defaults() {
        return new JptablesConfig(null, null, null, null, null, ConntrackConfig.defaults(), EvalMode.COMPILED);
    }

    /** Reads {@code file}, or the defaults when there is none; relative paths are resolved against {@code home}. */
    public static JptablesConfig read(Path file, Path home) throws ConfigException {
        Object root;
        try {
            // SnakeYAML alone, with its safe constructor: every command reads this file, and
            // Jackson's mapper would cost several times the rest of a short command's start-up
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (MarkedYAMLException e) {
            String where = e.getProblemMark() == null ? "" : "line " + (e.getProblemMark().getLine() + 1) + ": ";
            throw new ConfigException(file + ": " + where + firstLine(e.getProblem()));
        } catch (YAMLException e) {
            throw new ConfigException(file + ": " + firstLine(e.getMessage()));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null) {
            return defaults();
        }
        Reader r = new Reader(file);
        Map<?, ?> top = r.object(root, "", KEYS);
        Path plugins = r.path(top, "plugins", home);
        Path state = r.path(top, "state", home);
        Path control = r.path(top, "control", home);
        Path initial = r.path(top, "initial", home);
        Path log = r.path(top, "log", home);
        ConntrackConfig ct = ConntrackConfig.defaults();
        if (top.containsKey("checksums")) {
            ct = ct.withChecksum(r.bool(top.get("checksums"), "checksums"));
        }
        if (top.containsKey("conntrack")) {
            Map<?, ?> c = r.object(top.get("conntrack"), "conntrack.", CONNTRACK_KEYS);
            int[] t = {ct.tcpSynSent(), ct.tcpSynRecv(), ct.tcpEstablished(), ct.tcpFinWait(), ct.tcpCloseWait(),
                ct.tcpLastAck(), ct.tcpTimeWait(), ct.tcpClose(), ct.tcpSynSent2(), ct.tcpMaxRetransTimeout(),
                ct.tcpUnacknowledged(), ct.udp(), ct.udpStream(), ct.icmp(), ct.generic()};
            if (c.containsKey("timeouts")) {
                Map<?, ?> timeouts = r.object(c.get("timeouts"), "conntrack.timeouts.", Set.of(TIMEOUT_KEYS));
                for (int i = 0; i < TIMEOUT_KEYS.length; i++) {
                    if (timeouts.containsKey(TIMEOUT_KEYS[i])) {
                        t[i] = r.count(timeouts.get(TIMEOUT_KEYS[i]), "conntrack.timeouts." + TIMEOUT_KEYS[i]);
                    }
                }
            }
            int max = c.containsKey("max-entries") ? r.count(c.get("max-entries"), "conntrack.max-entries")
                    : ct.maxEntries();
            boolean loose = c.containsKey("tcp-loose") ? r.bool(c.get("tcp-loose"), "conntrack.tcp-loose")
                    : ct.tcpLoose();
            boolean liberal = c.containsKey("tcp-be-liberal")
                    ? r.bool(c.get("tcp-be-liberal"), "conntrack.tcp-be-liberal") : ct.tcpBeLiberal();
            int retrans = c.containsKey("tcp-max-retrans")
                    ? r.count(c.get("tcp-max-retrans"), "conntrack.tcp-max-retrans") : ct.tcpMaxRetrans();
            ct = new ConntrackConfig(max, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11],
                    t[12], t[13], t[14], loose, liberal, retrans, ct.checksum());
        }
        EvalMode eval = EvalMode.COMPILED;
        if (top.containsKey("eval")) {
            Object v = top.get("eval");
            eval = v instanceof String text ? EvalMode.parse(text) : null;
            if (eval == null) {
                throw new ConfigException(file + ": key \"eval\" must be linear or compiled, not " + Reader.show(v));
            }
        }
        return new JptablesConfig(plugins, state, control, initial, log, ct, eval);
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "not valid YAML";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Checks values as it reads them, every message naming the file and the key. */
    private record Reader(Path file) {
        Map<?, ?> object(Object node, String prefix, Set<String> keys) throws ConfigException {
            if (!(node instanceof Map<?, ?> fields)) {
                throw new ConfigException(file + ": " + (prefix.isEmpty() ? "the file" : "key \""
                        + prefix.substring(0, prefix.length() - 1) + "\"") + " must be a mapping of keys to values");
            }
            for (Object key : fields.keySet()) {
                if (!(key instanceof String k) || !keys.contains(k)) {
                    throw new ConfigException(file + ": unknown key \"" + prefix + key + "\"");
                }
            }
            return fields;
        }

        Path path(Map<?, ?> root, String key, Path home) throws ConfigException {
            Object v = root.get(key);
            if (v == null) {
                return null;
            }
            if (!(v instanceof String text) || text.isEmpty()) {
                throw new ConfigException(file + ": key \"" + key + "\" must be a path");
            }
            return home.resolve(text);
        }

        boolean bool(Object v, String key) throws ConfigException {
            if (!(v instanceof Boolean b)) {
                throw new ConfigException(file + ": key \"" + key + "\" must be true or false, not " + show(v));
            }
            return b;
        }

        int count(Object v, String key) throws ConfigException {
            if (!(v instanceof Integer i) || i < 0) {
                throw new ConfigException(file + ": key \"" + key + "\" must be a whole number >= 0, not " + show(v));
            }
            return i;
        }

        /** A value as the file wrote it (text quoted, as Jackson showed it before). */
        static String show(Object v) {
            return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
        }
    }

    /** A configuration file that cannot be used; the message is one line naming the file. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
