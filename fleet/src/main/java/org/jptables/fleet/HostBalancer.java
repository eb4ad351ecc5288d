package org.jptables.fleet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.Partitioner;

/**
 * Sends each host (the key) to a replaying task chosen ahead by the hosts' capture sizes, largest
 * first to the least loaded task. Flink's hash of the key spreads a few hosts unevenly (two of four
 * hosts may land on one task while the other idles); with hundreds of hosts both ways are alike.
 */
final class HostBalancer implements Partitioner<String> {
    private static final long serialVersionUID = 1L;
    private final Map<String, Integer> slots;
    private final int tasks;

    HostBalancer(List<HostSpec> hosts, int tasks) {
        this.tasks = tasks;
        this.slots = new HashMap<>();
        long[] load = new long[tasks];
        List<HostSpec> bySize = new ArrayList<>(hosts);
        bySize.sort(Comparator.comparingLong((HostSpec h) -> h.bytes).reversed().thenComparing(h -> h.name));
        for (HostSpec h : bySize) {
            int least = 0;
            for (int i = 1; i < tasks; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            load[least] += Math.max(1, h.bytes);
            slots.put(h.name, least);
        }
    }

    @Override
    public int partition(String host, int partitions) {
        Integer slot = slots.get(host);
        int s = slot != null ? slot : Math.floorMod(host.hashCode(), tasks);
        return s % partitions;
    }
}
