package org.jptables.commands.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jptables.kernel.conntrack.ConntrackConfig;

/**
 * conf/jptables.yaml: where the plugins and the state are, where LOG lines go, and the connection
 * tracker's sysctls. Every key is optional; a key given here loses to an environment variable and
 * to a command-line option, and wins over the built-in default. Relative paths are relative to the
 * distribution's home. An unknown key is an error naming the file and the key, because a misspelt
 * timeout silently ignored is worse than a refusal.
 *
 * @param plugins   plugins directory, or null
 * @param state     state file, or null
 * @param initial   the ruleset a new installation holds (every command sees it until the state file exists), or null
 * @param log       file the LOG target's lines are appended to during a replay, or null
 * @param conntrack the tracker's settings: the kernel's defaults with this file's values over them
 */
public record JptablesConfig(Path plugins, Path state, Path initial, Path log, ConntrackConfig conntrack) {

    /** The top-level keys; {@code conntrack} holds {@link #CONNTRACK_KEYS}. */
    private static final Set<String> KEYS = Set.of("plugins", "state", "initial", "log", "checksums", "conntrack");

    /** conntrack's keys, named as the nf_conntrack sysctls without their prefix (timeouts in seconds). */
    private static final Set<String> CONNTRACK_KEYS = Set.of("max-entries", "tcp-loose", "tcp-be-liberal",
            "tcp-max-retrans", "timeouts");

    /** The timeouts: nf_conntrack_*_timeout_* with the prefix dropped, in the order of {@link ConntrackConfig}. */
    private static final String[] TIMEOUT_KEYS = {"tcp-syn-sent", "tcp-syn-recv", "tcp-established", "tcp-fin-wait",
        "tcp-close-wait", "tcp-last-ack", "tcp-time-wait", "tcp-close", "tcp-syn-sent2", "tcp-max-retrans",
        "tcp-unacknowledged", "udp", "udp-stream", "icmp", "generic"};

    /** No file: every value is the built-in default. */
    public static JptablesConfig defaults() {
        return new JptablesConfig(null, null, null, null, ConntrackConfig.defaults());
    }

    /** Reads {@code file}, or the defaults when there is none; relative paths are resolved against {@code home}. */
    public static JptablesConfig read(Path file, Path home) throws ConfigException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return defaults();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new ConfigException(file + ": " + where + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        Reader r = new Reader(file);
        r.object(root, "", KEYS);
        Path plugins = r.path(root, "plugins", home);
        Path state = r.path(root, "state", home);
        Path initial = r.path(root, "initial", home);
        Path log = r.path(root, "log", home);
        ConntrackConfig ct = ConntrackConfig.defaults();
        JsonNode checksums = root.get("checksums");
        if (checksums != null) {
            ct = ct.withChecksum(r.bool(checksums, "checksums"));
        }
        JsonNode c = root.get("conntrack");
        if (c != null) {
            r.object(c, "conntrack.", CONNTRACK_KEYS);
            int[] t = {ct.tcpSynSent(), ct.tcpSynRecv(), ct.tcpEstablished(), ct.tcpFinWait(), ct.tcpCloseWait(),
                ct.tcpLastAck(), ct.tcpTimeWait(), ct.tcpClose(), ct.tcpSynSent2(), ct.tcpMaxRetransTimeout(),
                ct.tcpUnacknowledged(), ct.udp(), ct.udpStream(), ct.icmp(), ct.generic()};
            JsonNode timeouts = c.get("timeouts");
            if (timeouts != null) {
                r.object(timeouts, "conntrack.timeouts.", Set.of(TIMEOUT_KEYS));
                for (int i = 0; i < TIMEOUT_KEYS.length; i++) {
                    JsonNode v = timeouts.get(TIMEOUT_KEYS[i]);
                    if (v != null) {
                        t[i] = r.count(v, "conntrack.timeouts." + TIMEOUT_KEYS[i]);
                    }
                }
            }
            int max = c.has("max-entries") ? r.count(c.get("max-entries"), "conntrack.max-entries") : ct.maxEntries();
            boolean loose = c.has("tcp-loose") ? r.bool(c.get("tcp-loose"), "conntrack.tcp-loose") : ct.tcpLoose();
            boolean liberal = c.has("tcp-be-liberal") ? r.bool(c.get("tcp-be-liberal"), "conntrack.tcp-be-liberal")
                    : ct.tcpBeLiberal();
            int retrans = c.has("tcp-max-retrans") ? r.count(c.get("tcp-max-retrans"), "conntrack.tcp-max-retrans")
                    : ct.tcpMaxRetrans();
            ct = new ConntrackConfig(max, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11],
                    t[12], t[13], t[14], loose, liberal, retrans, ct.checksum());
        }
        return new JptablesConfig(plugins, state, initial, log, ct);
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
        void object(JsonNode node, String prefix, Set<String> keys) throws ConfigException {
            if (!node.isObject()) {
                throw new ConfigException(file + ": " + (prefix.isEmpty() ? "the file" : "key \""
                        + prefix.substring(0, prefix.length() - 1) + "\"") + " must be a mapping of keys to values");
            }
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), e.getValue());
            }
            for (String key : fields.keySet()) {
                if (!keys.contains(key)) {
                    throw new ConfigException(file + ": unknown key \"" + prefix + key + "\"");
                }
            }
        }

        Path path(JsonNode root, String key, Path home) throws ConfigException {
            JsonNode v = root.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual() || v.asText().isEmpty()) {
                throw new ConfigException(file + ": key \"" + key + "\" must be a path");
            }
            return home.resolve(v.asText());
        }

        boolean bool(JsonNode v, String key) throws ConfigException {
            if (!v.isBoolean()) {
                throw new ConfigException(file + ": key \"" + key + "\" must be true or false, not " + v);
            }
            return v.booleanValue();
        }

        int count(JsonNode v, String key) throws ConfigException {
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
                throw new ConfigException(file + ": key \"" + key + "\" must be a whole number >= 0, not " + v);
            }
            return v.intValue();
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
