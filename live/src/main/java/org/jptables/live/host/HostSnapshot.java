package org.jptables.live.host;

import java.util.List;
import org.jptables.kernel.host.HostConfig;

/**
 * The host as one reading of the kernel found it: the description {@link org.jptables.kernel.host.Host}
 * is built from, and what the kernel holds that the description cannot say (a blackhole route, a
 * second next hop...), one line each, so that nothing is dropped without a word.
 */
public record HostSnapshot(HostConfig config, List<String> leftOut) {
    public HostSnapshot {
        leftOut = List.copyOf(leftOut);
    }

    /** The snapshot as conf/host.yaml writes a host, what was left out as comments at the top. */
    public String describe() {
        return HostYaml.write(config, leftOut);
    }
}
