package org.jptables.fleet;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The job's replaying operator: each host that reaches this task runs through a kernel of its own
 * ({@link HostReplay}), its packets in capture order; the host's records go downstream to be summed.
 * An exception fails the task, and Flink runs it again (the restart strategy of {@link FleetJob}).
 */
final class HostReplayFunction extends ProcessFunction<HostSpec, FleetRecord> {
    private static final long serialVersionUID = 1L;
    private final FleetOptions options;

    HostReplayFunction(FleetOptions options) {
        this.options = options;
    }

    @Override
    public void processElement(HostSpec host, Context context, Collector<FleetRecord> out) throws Exception {
        long start = System.nanoTime();
        if (options.progress()) {
            System.err.printf("fleet: %s: replaying %d captures (%d bytes)%n", host.name, host.captures.length,
                    host.bytes);
        }
        long packets = new HostReplay(host, options).run(out::collect);
        if (options.progress()) {
            double seconds = (System.nanoTime() - start) / 1e9;
            System.err.printf("fleet: %s: done, %d IPv4 packets in %.2f s%n", host.name, packets, seconds);
        }
    }
}
