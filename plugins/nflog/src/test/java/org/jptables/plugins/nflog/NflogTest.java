package org.jptables.plugins.nflog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

class NflogTest {
    /** Effects that note NFLOG's requests. */
    private static final class Requests implements PacketEffects {
        final List<String> seen = new ArrayList<>();

        @Override
        public void reject(PacketView packet, int icmpCode) {
        }

        @Override
        public void log(PacketView packet, int level, String prefix, int flags) {
        }

        @Override
        public void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags) {
        }

        @Override
        public void nflog(PacketView packet, int group, String prefix, long size) {
            seen.add(group + "/" + prefix + "/" + size);
        }
    }

    @Test
    void handsACopyOverAndGoesOn() {
        Requests requests = new Requests();
        PacketView p = TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2).view().effects(requests);
        RuleTester input = RuleTester.filter();
        assertEquals(Verdict.ACCEPT, input.verdict("-j NFLOG --nflog-group 5 --nflog-prefix fw --nflog-size 64", p));
        input.verdict("-j NFLOG --nflog-range 100", p);
        input.verdict("-j NFLOG", p);
        // only --nflog-size limits the copy; --nflog-range never did
        assertEquals(List.of("5/fw/64", "0//-1", "0//-1"), requests.seen);
    }

    @Test
    void rangeAndSizeExcludeEachOther() {
        // iptables warns about --nflog-range first (stderr), then refuses the pair
        RuleTester input = RuleTester.filter();
        String message = "NFLOG: option \"--nflog-range\" cannot be used together with \"--nflog-size\".";
        assertEquals(message, input.error("-j NFLOG --nflog-range 100 --nflog-size 10"));
        assertEquals(message, input.error("-j NFLOG --nflog-size 10 --nflog-range 100"));
    }

    @Test
    void help() throws Exception {
        try (InputStream in = NflogTest.class.getResourceAsStream("/help-NFLOG.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new NflogExtension().help());
        }
    }
}
