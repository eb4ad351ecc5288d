package org.jptables.plugins.secmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.StateScope;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

class SecmarkTest {
    @Test
    void everyContextIsRefusedWithoutAnLsm() {
        RuleTester security = RuleTester.of("security", "INPUT");
        assertEquals("No chain/target/match by that name.",
                security.error("-j SECMARK --selctx system_u:object_r:httpd_packet_t:s0"));
        assertEquals(1, security.failure("-j SECMARK --selctx x").status());
        // outside mangle and security the table check comes first
        assertEquals("Invalid argument. Run `dmesg' for more information.",
                RuleTester.filter().error("-j SECMARK --selctx x"));
    }

    @Test
    void connsecmarkGoesOnAndChangesNothing() {
        RuleTester mangle = RuleTester.of("mangle", "PREROUTING");
        PacketView p = TestPackets.tcp("198.18.0.2", 1000, "198.18.1.2", 22).mark(7).view();
        assertEquals(Verdict.ACCEPT, mangle.verdict("-j CONNSECMARK --save", p));
        assertEquals(Verdict.ACCEPT, mangle.verdict("-j CONNSECMARK --restore", p));
        assertEquals(7, p.mark());
        assertTrue(new ConnsecmarkTarget(true).needsConnectionTracking());
        assertEquals(StateScope.CONNECTION, new ConnsecmarkTarget(false).stateScope());
    }

    @Test
    void help() throws Exception {
        assertEquals(resource("/help-SECMARK.txt"), new SecmarkExtension().help());
        assertEquals(resource("/help-CONNSECMARK.txt"), new ConnsecmarkExtension().help());
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = SecmarkTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
