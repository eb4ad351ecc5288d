package org.jptables.fleet;

import java.util.Arrays;
import java.util.Objects;

/**
 * One host of the fleet as the job sees it: its name (the key), its captures in time order (paths
 * or URIs of any file system Flink reads), and the texts of its ruleset, candidate ruleset and
 * host.yaml. The texts travel with the host, read once by the client, so that a task on another
 * machine needs only the captures and the plugins.
 *
 * <p>A Flink POJO (public fields, a constructor without arguments): Flink serializes it with its
 * own serializer instead of Kryo. Serializable too: the split replay's function carries its hosts.
 */
public final class HostSpec implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    public String name;
    public String[] captures;
    /** iptables-save text (a state file is one too: its counters are set to zero before the replay). */
    public String rules;
    /** Where the rules came from, for messages. */
    public String rulesSource;
    /** The candidate ruleset's text for diff, or null. */
    public String candidate;
    public String candidateSource;
    /** host.yaml's text, or null for the conformance host (as {@code jptables replay} without conf/host.yaml). */
    public String hostYaml;
    public String hostSource;
    /** The captures' bytes where known: what the balancer spreads over the tasks. */
    public long bytes;
    /** Replayed split by connection (else by one task, whole). */
    public boolean split;
    /** Why this host is replayed as it is, for the summary: {@code conntrack only, no shared state}. */
    public String splitReason;

    public HostSpec() {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostSpec h && Objects.equals(name, h.name) && Arrays.equals(captures, h.captures)
                && Objects.equals(rules, h.rules) && Objects.equals(candidate, h.candidate)
                && Objects.equals(hostYaml, h.hostYaml) && bytes == h.bytes;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, bytes);
    }

    @Override
    public String toString() {
        return "host " + name + " (" + captures.length + " captures, " + bytes + " bytes)";
    }
}
