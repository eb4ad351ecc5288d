package org.jptables.kernel.conntrack;

import static org.jptables.kernel.packet.Ipv4Builder.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/** nf_conn_labels: which entries get labels, and that a bit set stays on the entry. */
class ConntrackLabelsTest {
    private static final long SEC = 1_000_000_000L;

    private final ConnectionTracker tracker = new ConnectionTracker();
    private final PacketView view = new PacketView();
    private long now = 1_000 * SEC;

    private int syn(int sport) {
        now += 150_000_000L;
        view.wrap(new Ipv4Builder().protocol(Ipv4Builder.TCP).tcpFlags(SYN).sequence(1).source("198.18.0.2")
                .destination("198.18.1.2").sourcePort(sport).destinationPort(80).build()).inInterface("eth0");
        int h = tracker.track(view, now);
        tracker.confirm(h);
        return h;
    }

    @Test
    void onlyEntriesMadeOnceLabelsAreUsedHaveThem() {
        int before = syn(40000);
        assertEquals(-1, view.ctLabel(5));
        assertFalse(view.setCtLabel(5));
        tracker.enableLabels();
        int after = syn(40001);
        assertEquals(0, view.ctLabel(5));
        assertTrue(view.setCtLabel(5));
        assertTrue(view.setCtLabel(127));
        syn(40001); // a retransmission finds the same entry
        assertEquals(after, view.connection());
        assertEquals(1, view.ctLabel(5));
        assertEquals(1, view.ctLabel(127));
        assertEquals(0, view.ctLabel(6));
        assertEquals(-1, tracker.connectionLabel(before, 5));
    }

    @Test
    void aFreedEntrysHandleStartsClear() {
        tracker.enableLabels();
        now += 150_000_000L;
        view.wrap(new Ipv4Builder().protocol(Ipv4Builder.TCP).tcpFlags(SYN).sequence(1).source("198.18.0.2")
                .destination("198.18.1.2").sourcePort(40000).destinationPort(80).build()).inInterface("eth0");
        int h = tracker.track(view, now);
        view.setCtLabel(9);
        tracker.abort(h); // dropped before confirmation: the entry dies with its label
        int again = syn(40000);
        assertEquals(0, tracker.connectionLabel(again, 9));
    }
}
