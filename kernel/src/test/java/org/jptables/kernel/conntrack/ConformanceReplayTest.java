package org.jptables.kernel.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jptables.api.ConnState;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/** Replays the conformance cases' packets and compares the table with what the kernel printed. */
class ConformanceReplayTest {
    private final ConnectionTracker tracker = new ConnectionTracker();
    private final PacketView view = new PacketView();
    private final List<Integer> states = new ArrayList<>();

    private void replay(String[][] steps) {
        for (int i = 0; i < steps.length; i++) {
            String[] s = steps[i];
            byte[] packet = HexFormat.of().parseHex(s[1]);
            long now = Long.parseLong(s[3]) * 1_000_000L;
            view.wrap(packet).inInterface(s[0]);
            int handle = tracker.track(view, now);
            states.add(view.ctState());
            if (handle >= 0) {
                if ("ACCEPT".equals(s[2])) {
                    tracker.confirm(handle);
                } else {
                    tracker.abort(handle);
                }
            }
            if (s[4] != null) {
                List<String> got = new ArrayList<>();
                for (String line : tracker.procLines(now)) {
                    got.add(line.replaceFirst("^(ipv4 +2 \\S+ +\\d+ )\\d+ ", "$1T "));
                }
                got.sort(null);
                assertEquals(s[4], String.join("|", got), "table after step " + i);
            }
        }
    }

    @Test
    void labCaptureTableMatchesTheKernelAfterEveryPacket() {
        replay(ConformanceData.LAB_CAPTURE);
        // echo request NEW, its reply and the next request ESTABLISHED
        assertEquals(ConnState.NEW, states.get(0));
        assertEquals(ConnState.ESTABLISHED, states.get(1));
        assertEquals(ConnState.ESTABLISHED, states.get(2));
        assertEquals(ConnState.NEW, states.get(4)); // SYN to 443
        assertEquals(ConnState.ESTABLISHED, states.get(6));
        assertEquals(ConnState.NEW, states.get(24)); // SYN to closed port 80
        assertEquals(ConnState.ESTABLISHED, states.get(25)); // its RST: the entry is deleted
        assertEquals(ConnState.NEW, states.get(26)); // UDP to 161, dropped
        assertEquals(ConnState.INVALID, states.get(27)); // port unreachable quoting a flow not in the table
    }

    @Test
    void seedCentos6TableMatchesTheKernel() {
        replay(ConformanceData.SEED_CENTOS6);
        assertEquals(ConnState.NEW, states.get(0));
        assertEquals(ConnState.ESTABLISHED, states.get(1)); // SYN-ACK of the host
        assertEquals(ConnState.INVALID, states.get(3)); // REJECT's answer: its flow was never confirmed
        assertEquals(ConnState.NEW, states.get(10)); // a lone ACK is picked up as NEW
        assertEquals(ConnState.ESTABLISHED, states.get(11)); // the host's RST deletes the entry
    }

    @Test
    void statefulChainsTableMatchesTheKernel() {
        replay(ConformanceData.STATEFUL_CHAINS);
        assertEquals(ConnState.NEW, states.get(0));
        assertEquals(ConnState.INVALID, states.get(2)); // SYN+FIN
        assertEquals(ConnState.NEW, states.get(3));
        assertEquals(ConnState.NEW, states.get(4)); // UDP
        assertEquals(ConnState.NEW, states.get(5)); // echo request
        assertEquals(ConnState.NEW, states.get(9)); // forwarded SYN, dropped by FORWARD's policy
    }
}
