package org.jptables.plugins.devgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What -m devgroup does to packets: (value ^ group) & mask == 0 per option, groups 0 unless set. */
class DevgroupTest {
    private final RuleTester forward = RuleTester.of("filter", "FORWARD");

    /** A minimal IPv4 packet between interfaces of groups {@code in} and {@code out}. */
    static PacketView packet(int in, int out) {
        byte[] p = new byte[20];
        p[0] = 0x45;
        p[3] = 20;
        p[8] = 64;
        p[9] = 6;
        p[12] = 10;
        p[15] = 1;
        p[16] = 10;
        p[19] = 2;
        return new PacketView().wrap(p).inInterface("eth0").outInterface("eth1").interfaceGroups(in, out);
    }

    @Test
    void interfacesAreInGroupZeroByDefault() {
        PacketView p = new PacketView().wrap(packet(0, 0).bytes()).inInterface("eth0").outInterface("eth1");
        assertTrue(forward.matches("-m devgroup --src-group 0", p));
        assertTrue(forward.matches("-m devgroup --dst-group default", p));
        assertFalse(forward.matches("-m devgroup --src-group 1", p));
        assertTrue(forward.matches("-m devgroup ! --dst-group 1", p));
    }

    @Test
    void bothGroupsUnderTheirMasks() {
        PacketView p = packet(0x12, 0x34);
        assertTrue(forward.matches("-m devgroup --src-group 0x12 --dst-group 0x34", p));
        assertFalse(forward.matches("-m devgroup --src-group 0x12 --dst-group 0x35", p));
        assertTrue(forward.matches("-m devgroup --src-group 0x2/0xf", p));
        // unlike realm, the value is masked too
        assertTrue(forward.matches("-m devgroup --src-group 0xf2/0xf", p));
        assertFalse(forward.matches("-m devgroup ! --src-group 0xf2/0xf", p));
        assertTrue(forward.matches("-m devgroup ! --src-group 0x11 --dst-group 0x34", p));
        assertTrue(forward.matches("-m devgroup --src-group 5/0", p));
        assertEquals("ACCEPT", forward.verdictName("-m devgroup --dst-group 0x34 -j ACCEPT", p));
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = DevgroupTest.class.getResourceAsStream("/help-devgroup.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new DevgroupExtension().help());
        }
    }
}
