package org.jptables.plugins.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Hook;
import org.jptables.api.Verdict;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** Without IPsec (jptables' host has no xfrm states) every packet is one without a policy. */
class PolicyTest {
    @Test
    void withoutIpsecPolicyNoneMatchesEveryPacketAndIpsecNone() {
        RuleTester input = RuleTester.filter();
        var p = TestPackets.udp("192.0.2.1", 4500, "198.18.0.1", 4500).view();
        assertTrue(input.matches("-m policy --dir in --pol none", p));
        assertFalse(input.matches("-m policy --dir in --pol ipsec", p));
        assertFalse(input.matches("-m policy --dir in --pol ipsec --proto esp", p));
        // inverted elements do not help: without a security path the elements are never looked at
        assertFalse(input.matches("-m policy --dir in --pol ipsec --strict ! --proto esp ! --reqid 1", p));
        assertEquals(Verdict.DROP, input.verdict("-m policy --dir in --pol none -j DROP", p));
        RuleTester output = RuleTester.of("filter", "OUTPUT");
        var sent = TestPackets.udp("198.18.0.1", 500, "192.0.2.1", 500).hook(Hook.OUTPUT).view();
        assertTrue(output.matches("-m policy --dir out --pol none", sent));
        assertFalse(output.matches("-m policy --dir out --pol ipsec --mode tunnel --tunnel-dst 192.0.2.1", sent));
    }

    @Test
    void theDirectionDecidesWhereTheRuleMayStand() {
        for (Hook h : Hook.values()) {
            PolicyMatch in = new PolicyMatch(true, true, false, java.util.List.of());
            PolicyMatch out = new PolicyMatch(false, true, false, java.util.List.of());
            assertEquals(h != Hook.OUTPUT && h != Hook.POSTROUTING, in.allowedAt("filter", h), h.name());
            assertEquals(h != Hook.PREROUTING && h != Hook.INPUT, out.allowedAt("mangle", h), h.name());
        }
        // reachable from INPUT through a user chain: refused as the kernel refuses it
        assertEquals(1, RuleTester.filter().failure("-m policy --dir out --pol none").status());
    }

    @Test
    void help() throws Exception {
        try (InputStream in = PolicyTest.class.getResourceAsStream("/help-policy.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new PolicyExtension().help());
        }
    }
}
