package org.jptables.kernel.conntrack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/** A long capture of short connections: the table holds the live ones, not every one ever seen. */
class ConntrackMemoryTest {
    @Test
    void expiredEntriesAreReclaimedBeforeTheTableGrows() {
        ConnectionTracker tracker = new ConnectionTracker();
        PacketView view = new PacketView();
        int flows = 20_000;
        int most = 0;
        for (int i = 0; i < flows; i++) {
            // one DNS query a second from a new port: each entry lives 30 s (nf_conntrack_udp_timeout)
            byte[] ip = new Ipv4Builder().protocol(Ipv4Builder.UDP).source("203.0.113.9").destination("198.18.0.1")
                    .sourcePort(1024 + i).destinationPort(53).build();
            view.wrap(ip).inInterface("eth0");
            int handle = tracker.track(view, i * 1_000_000_000L);
            assertTrue(handle >= 0);
            tracker.confirm(handle);
            most = Math.max(most, tracker.count());
        }
        assertTrue(most < 2_000, "about 30 flows are alive at any time, yet the table held " + most);
    }
}
