package org.jptables.plugins.tee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Addresses;
import org.jptables.api.StateScope;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

class TeeTest {
    /** Effects that note TEE's requests. */
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
        public void duplicate(PacketView packet, int gateway, String device) {
            seen.add(Addresses.format(gateway) + "/" + device);
        }
    }

    @Test
    void asksForACopyAndGoesOn() {
        Requests requests = new Requests();
        PacketView p = TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2).view().effects(requests);
        RuleTester input = RuleTester.filter();
        assertEquals(Verdict.ACCEPT, input.verdict("-j TEE --gateway 198.18.1.2", p));
        input.verdict("-j TEE --gateway 10.1 --oif 0123456789abcdefgh", p);
        input.verdict("-j TEE --gateway 198.18.0.2 --oif \"\"", p);
        // an empty --oif is no device; a long one is cut to the kernel's 15 characters
        assertEquals(List.of("198.18.1.2/null", "10.0.0.1/0123456789abcde", "198.18.0.2/null"), requests.seen);
        // TEE goes on: the next rule still decides
        assertEquals("-A INPUT -j TEE --gateway 198.18.1.2",
                input.saved("-j TEE --gateway 198.18.1.2"));
    }

    @Test
    void refusesWhatIptablesRefuses() {
        RuleTester input = RuleTester.filter();
        assertEquals("getaddrinfo: Address family for hostname not supported", input.error("-j TEE --gateway ::1"));
        assertEquals("getaddrinfo: Name or service not known", input.error("-j TEE --gateway ::1/64"));
        assertEquals(1, input.failure("-j TEE --gateway 0.0.0.0").status());
        assertEquals(2, input.failure("-j TEE --oif eth0").status());
    }

    @Test
    void sharesNothing() {
        assertEquals(StateScope.NONE, new TeeTarget(1, null).stateScope());
    }

    @Test
    void help() throws Exception {
        try (InputStream in = TeeTest.class.getResourceAsStream("/help-TEE.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TeeExtension().help());
        }
    }
}
