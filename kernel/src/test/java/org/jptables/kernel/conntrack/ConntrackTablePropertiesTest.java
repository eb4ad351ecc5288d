package org.jptables.kernel.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jptables.api.ConnState;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The table stays consistent however flows come, go, are aborted and expire. */
class ConntrackTablePropertiesTest {
    record Flow(int src, int sport, int dport, boolean accept, boolean reply) {
    }

    @Provide
    Arbitrary<List<Flow>> flows() {
        Arbitrary<Flow> flow = Combinators.combine(Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(1, 5), Arbitraries.integers().between(1, 5),
                Arbitraries.of(true, true, false), Arbitraries.of(true, false))
                .as(Flow::new);
        return flow.list().ofMaxSize(300);
    }

    private static byte[] udp(int src, int dst, int sport, int dport) {
        return new Ipv4Builder().source(src).destination(dst).protocol(Ipv4Builder.UDP).sourcePort(sport)
                .destinationPort(dport).build();
    }

    @Property(tries = 60)
    void everyConfirmedFlowIsFoundFromBothSides(@ForAll("flows") List<Flow> flows) {
        ConnectionTracker tracker = new ConnectionTracker(ConntrackConfig.defaults().withMaxEntries(64));
        PacketView view = new PacketView();
        int server = 0xC6120001;
        Set<String> confirmed = new HashSet<>();
        long now = 0;
        for (Flow f : flows) {
            now += 100_000_000L;
            int client = 0x0A000000 | f.src();
            view.wrap(udp(client, server, f.sport(), f.dport())).inInterface("eth0");
            int h = tracker.track(view, now);
            String key = f.src() + ":" + f.sport() + ":" + f.dport();
            if (h < 0) {
                continue;
            }
            if (f.accept()) {
                tracker.confirm(h);
                confirmed.add(key);
            } else {
                tracker.abort(h);
            }
            if (f.reply() && tracker.procLines(now).stream().anyMatch(l -> l.contains("sport=" + f.sport()))) {
                view.wrap(udp(server, client, f.dport(), f.sport())).inInterface("");
                int r = tracker.track(view, now);
                tracker.confirm(r);
                if (r >= 0 && (view.ctState() & ConnState.ESTABLISHED) != 0 && !tracker.isReply(r)) {
                    // an original-direction packet is ESTABLISHED only once a reply was seen
                    assertTrue((view.ctStatus() & ConnState.STATUS_SEEN_REPLY) != 0);
                }
            }
            assertTrue(tracker.count() <= 64);
        }
        // every listed entry is found again from its original and reply tuples
        List<String> lines = tracker.procLines(now);
        assertEquals(lines.size(), tracker.count());
        for (String line : lines) {
            String[] w = line.split(" +");
            int src = org.jptables.api.Addresses.parse(w[5].substring(4));
            int dst = org.jptables.api.Addresses.parse(w[6].substring(4));
            int sport = Integer.parseInt(w[7].substring(6));
            int dport = Integer.parseInt(w[8].substring(6));
            view.wrap(udp(src, dst, sport, dport)).inInterface("eth0");
            int h = tracker.track(view, now);
            assertTrue(h >= 0);
            assertTrue((view.ctState() & (ConnState.NEW | ConnState.ESTABLISHED)) != 0);
            view.wrap(udp(dst, src, dport, sport)).inInterface("");
            assertEquals(h, tracker.track(view, now));
            assertTrue(tracker.isReply(h));
        }
        // and everything expires
        assertEquals(0, tracker.procLines(now + 121_000_000_000L).size());
        assertEquals(0, tracker.count());
    }
}
