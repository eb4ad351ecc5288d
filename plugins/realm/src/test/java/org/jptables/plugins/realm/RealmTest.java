package org.jptables.plugins.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What -m realm does to packets: value == (route realm & mask), the route's realm 0 unless set. */
class RealmTest {
    private final RuleTester filter = RuleTester.filter();

    /** A minimal IPv4 packet whose route has realm {@code realm}. */
    static PacketView packet(int realm) {
        byte[] p = new byte[20];
        p[0] = 0x45;
        p[3] = 20;
        p[8] = 64;
        p[9] = 6;
        p[12] = 10;
        p[15] = 1;
        p[16] = 10;
        p[19] = 2;
        return new PacketView().wrap(p).routeRealm(realm);
    }

    @Test
    void routesHaveRealmZeroByDefault() {
        PacketView p = new PacketView().wrap(packet(0).bytes());
        assertTrue(filter.matches("-m realm --realm 0", p));
        assertTrue(filter.matches("-m realm --realm 0/0xff", p));
        assertFalse(filter.matches("-m realm --realm 1", p));
        assertTrue(filter.matches("-m realm ! --realm 1", p));
    }

    @Test
    void theValueIsComparedWithTheMaskedRealm() {
        assertTrue(filter.matches("-m realm --realm 0x12/0xff", packet(0x3412)));
        assertFalse(filter.matches("-m realm --realm 0x12", packet(0x3412)));
        // the value is not masked: bits outside the mask never match
        assertFalse(filter.matches("-m realm --realm 0x1/0x2a", packet(0x1)));
        assertTrue(filter.matches("-m realm ! --realm 0x1/0x2a", packet(0x1)));
        assertTrue(filter.matches("-m realm --realm 0xffffffff", packet(-1)));
        assertEquals("ACCEPT", filter.verdictName("-m realm --realm 7 -j ACCEPT", packet(7)));
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = RealmTest.class.getResourceAsStream("/help-realm.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new RealmExtension().help());
        }
    }
}
