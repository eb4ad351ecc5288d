package org.jptables.plugins.dccp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What -m dccp does to packets (xt_dccp.c's dccp_mt and dccp_find_option). */
class DccpTest {
    private final RuleTester filter = RuleTester.filter();

    /**
     * An IPv4 packet of protocol 33: ports 5000 -> 5004, the type with X set (48-bit sequence
     * numbers, 4 more header bytes), then the type's own header, then {@code options}.
     */
    static PacketView dccp(int type, int... options) {
        int typeHeader = type == 2 ? 0 : type == 0 ? 4 : (type >= 3 && type <= 9 && type != 7) ? 8 : 12;
        int header = 16 + typeHeader;
        int optionBytes = (options.length + 3) & ~3;
        byte[] p = new byte[20 + header + optionBytes];
        p[0] = 0x45;
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = 33;
        p[12] = 10;
        p[15] = 1;
        p[16] = 10;
        p[19] = 2;
        int th = 20;
        p[th] = (byte) (5000 >> 8);
        p[th + 1] = (byte) 5000;
        p[th + 2] = (byte) (5004 >> 8);
        p[th + 3] = (byte) 5004;
        p[th + 4] = (byte) ((header + optionBytes) / 4);
        p[th + 8] = (byte) (type << 1 | 1);
        for (int i = 0; i < options.length; i++) {
            p[th + header + i] = (byte) options[i];
        }
        return new PacketView().wrap(p);
    }

    private boolean matches(String options, PacketView p) {
        return filter.matches("-p dccp -m dccp " + options, p);
    }

    @Test
    void portsAndTypes() {
        PacketView request = dccp(0);
        assertTrue(matches("--sport 5000 --dport 5000:6000", request));
        assertFalse(matches("! --dport 5004", request));
        assertTrue(matches("--dccp-types REQUEST,RESPONSE", request));
        assertFalse(matches("--dccp-types DATA", request));
        assertTrue(matches("! --dccp-types DATA", request));
        // types 11 to 15 count as INVALID
        assertTrue(matches("--dccp-types INVALID", dccp(13)));
        assertFalse(matches("--dccp-types INVALID", dccp(9)));
    }

    @Test
    void optionsAfterTheTypesHeader() {
        // a RESPONSE (12-byte type header): padding 0, then option 32 of length 3, then 44 of length 2
        PacketView p = dccp(1, 0, 32, 3, 9, 44, 2);
        assertTrue(matches("--dccp-option 32", p));
        assertTrue(matches("--dccp-option 44", p));
        assertFalse(matches("--dccp-option 9", p), "inside option 32's value");
        assertTrue(matches("! --dccp-option 9", p));
        // no options at all
        assertFalse(matches("--dccp-option 1", dccp(2)));
        assertTrue(matches("! --dccp-option 1", dccp(2)));
    }

    @Test
    void badHeadersDropThePacket() {
        // a data offset inside the header
        byte[] b = org.jptables.testkit.PacketBytes.bytes(dccp(1, 32, 2));
        b[24] = 3;
        assertEquals("DROP", filter.verdictName("-p dccp -m dccp ! --dccp-option 7 -j ACCEPT", new PacketView().wrap(b)));
        // options cut short
        PacketView full = dccp(1, 32, 2, 0, 0, 0, 0, 0, 0);
        PacketView cut = new PacketView().wrap(Arrays.copyOf(org.jptables.testkit.PacketBytes.bytes(full), 50));
        assertEquals("DROP", filter.verdictName("-p dccp -m dccp ! --dccp-option 7 -j ACCEPT", cut));
        // the types do not read the options: no drop
        assertEquals("ACCEPT", filter.verdictName("-p dccp -m dccp --dccp-types RESPONSE -j ACCEPT", cut));
        // the generic header cut short
        PacketView tiny = new PacketView().wrap(Arrays.copyOf(org.jptables.testkit.PacketBytes.bytes(full), 30));
        assertEquals("DROP", filter.verdictName("-p dccp -m dccp -j ACCEPT", tiny));
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = DccpTest.class.getResourceAsStream("/help-dccp.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new DccpExtension().help());
        }
    }
}
