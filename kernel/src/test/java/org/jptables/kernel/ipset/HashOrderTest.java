package org.jptables.kernel.ipset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kernel's bucket order and memory accounting. Recorded on Linux 6.18 with ipset 7.17 in a
 * network namespace: {@code ipset create b hash:ip initval 0x4e471812; ipset add b 10.0.0.0/30;
 * ipset add b 10.0.0.5-10.0.0.7; ipset add -! b 10.0.0.4-10.0.0.8; ipset list b}.
 */
class HashOrderTest {
    private static long ip(String dotted) {
        long v = 0;
        for (String p : dotted.split("\\.")) {
            v = v << 8 | Integer.parseInt(p);
        }
        return v;
    }

    private static String dotted(long v) {
        return (v >>> 24) + "." + ((v >>> 16) & 255) + "." + ((v >>> 8) & 255) + "." + (v & 255);
    }

    @Test
    void listsInTheKernelsBucketOrderWithItsMemory() throws SetException {
        SetStore store = new SetStore(() -> 0L);
        CreateAttributes c = new CreateAttributes();
        c.initval = 0x4e471812L;
        store.create("b", SetType.HASH_IP, c, false);
        SetAttributes a = new SetAttributes();
        a.ip = ip("10.0.0.0");
        a.cidr = 30;
        store.change("b", a, true, false);
        SetAttributes r = new SetAttributes();
        r.ip = ip("10.0.0.5");
        r.ipTo = ip("10.0.0.7");
        store.change("b", r, true, false);
        SetAttributes e = new SetAttributes();
        e.ip = ip("10.0.0.4");
        e.ipTo = ip("10.0.0.8");
        store.change("b", e, true, true);
        SetSlot slot = store.slot("b");
        List<String> listed = store.entries(slot).stream().map(x -> dotted(x.ip)).collect(Collectors.toList());
        assertEquals(List.of("10.0.0.2", "10.0.0.1", "10.0.0.4", "10.0.0.6", "10.0.0.5", "10.0.0.3", "10.0.0.7",
                "10.0.0.0", "10.0.0.8"), listed);
        assertEquals(576, store.header(slot).memory());
        assertEquals(9, store.header(slot).elements());
    }
}
