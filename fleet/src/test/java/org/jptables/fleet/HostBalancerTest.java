package org.jptables.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The balancer: every host on one task, and no task more loaded than the least one plus the largest host (LPT's bound). */
class HostBalancerTest {
    @Property(tries = 200)
    void spreadsHostsEvenly(@ForAll @Size(min = 1, max = 40) List<@LongRange(min = 1, max = 1_000_000) Long> sizes,
                            @ForAll @IntRange(min = 1, max = 8) int tasks) {
        List<HostSpec> hosts = new ArrayList<>();
        for (int i = 0; i < sizes.size(); i++) {
            HostSpec h = new HostSpec();
            h.name = "h" + i;
            h.bytes = sizes.get(i);
            hosts.add(h);
        }
        HostBalancer balancer = new HostBalancer(hosts, tasks);
        long[] load = new long[tasks];
        for (HostSpec h : hosts) {
            int slot = balancer.partition(h.name, tasks);
            assertTrue(slot >= 0 && slot < tasks);
            assertEquals(slot, balancer.partition(h.name, tasks), "a key's task never changes");
            load[slot] += h.bytes;
        }
        long max = 0;
        long min = Long.MAX_VALUE;
        for (long l : load) {
            max = Math.max(max, l);
            min = Math.min(min, l);
        }
        long largest = sizes.stream().mapToLong(Long::longValue).max().orElse(0);
        assertTrue(max - min <= largest, "max " + max + " min " + min + " largest host " + largest);
    }
}
