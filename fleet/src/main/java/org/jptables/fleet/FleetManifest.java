package org.jptables.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fleet, as a YAML manifest names it:
 *
 * <pre>
 * candidate: candidate.rules          # optional: the ruleset to try on every host (diff)
 * quietHost: false                    # optional: as replay --quiet-host
 * checksums: true                     # optional: false as replay --ignore-checksums
 * hosts:
 *   - name: web-1
 *     captures: [web-1/0.pcap, web-1/1.pcap]   # in time order; paths or URIs (hdfs://, s3://, ...)
 *     rules: web-1/rules.v4                     # iptables-save output, or a jptables state file
 *     host: web-1/host.yaml                     # optional: the conformance host otherwise
 *     candidate: web-1/candidate.rules          # optional: this host's own candidate
 * </pre>
 *
 * Relative paths are relative to the manifest's folder. Rulesets and host files are read here, by
 * the client; captures are read by the tasks.
 */
public record FleetManifest(List<Entry> hosts, String candidate, Boolean quietHost, Boolean checksums) {

    /** One host of the manifest. */
    public record Entry(String name, List<String> captures, String rules, @JsonProperty("host") String hostFile,
                        String candidate) {
    }

    public static FleetManifest read(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        FleetManifest m;
        try {
            m = yaml.readValue(file.toFile(), FleetManifest.class);
        } catch (JacksonException e) {
            throw new IOException(file + ": " + e.getOriginalMessage(), e);
        }
        if (m == null || m.hosts() == null || m.hosts().isEmpty()) {
            throw new IOException(file + ": names no hosts (hosts: a list of name, captures, rules, host)");
        }
        Set<String> names = new HashSet<>();
        for (Entry e : m.hosts()) {
            if (e.name() == null || e.name().isBlank() || e.name().contains("/")) {
                throw new IOException(file + ": every host needs a name, without /");
            }
            if (!names.add(e.name())) {
                throw new IOException(file + ": host " + e.name() + " is named twice");
            }
            if (e.captures() == null || e.captures().isEmpty() || e.rules() == null) {
                throw new IOException(file + ": host " + e.name() + " needs captures and rules");
            }
        }
        return m;
    }

    public boolean quiet() {
        return Boolean.TRUE.equals(quietHost);
    }

    public boolean checksummed() {
        return !Boolean.FALSE.equals(checksums);
    }

    /** The hosts as the job takes them, files read and paths resolved against {@code base} (the manifest's folder). */
    public List<HostSpec> specs(Path base, boolean diff) throws IOException {
        List<HostSpec> specs = new ArrayList<>();
        for (Entry e : hosts) {
            HostSpec s = new HostSpec();
            s.name = e.name();
            s.captures = e.captures().stream().map(c -> resolve(base, c)).toArray(String[]::new);
            s.rulesSource = resolve(base, e.rules());
            s.rules = Files.readString(Path.of(s.rulesSource), StandardCharsets.UTF_8);
            String candidateFile = e.candidate() != null ? e.candidate() : candidate;
            if (diff) {
                if (candidateFile == null) {
                    throw new IOException("host " + e.name() + " has no candidate ruleset (candidate: in the manifest)");
                }
                s.candidateSource = resolve(base, candidateFile);
                s.candidate = Files.readString(Path.of(s.candidateSource), StandardCharsets.UTF_8);
            }
            if (e.hostFile() != null) {
                s.hostSource = resolve(base, e.hostFile());
                s.hostYaml = Files.readString(Path.of(s.hostSource), StandardCharsets.UTF_8);
            }
            for (String c : s.captures) {
                s.bytes += CaptureSource.size(c);
            }
            specs.add(s);
        }
        return specs;
    }

    /** A relative local path against the manifest's folder; absolute paths and URIs as they are. */
    private static String resolve(Path base, String name) {
        Path local = CaptureSource.localPath(name);
        if (local == null || local.isAbsolute() || name.startsWith("file:")) {
            return name;
        }
        return base.resolve(local).normalize().toString();
    }
}
