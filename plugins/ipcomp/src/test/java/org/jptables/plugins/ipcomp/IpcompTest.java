package org.jptables.plugins.ipcomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What -m ipcomp does to packets: the 16-bit CPI at bytes 2-3 of the 4-byte header, fragments never. */
class IpcompTest {
    private final RuleTester filter = RuleTester.filter();

    /** An IPv4 packet of protocol 108 whose header carries {@code cpi}, cut to {@code length} bytes. */
    static PacketView packet(int cpi, int length, boolean fragment) {
        byte[] p = new byte[20 + 16];
        p[0] = 0x45;
        p[3] = (byte) p.length;
        p[7] = (byte) (fragment ? 3 : 0);
        p[8] = 64;
        p[9] = 108;
        p[12] = 10;
        p[15] = 1;
        p[16] = 10;
        p[19] = 2;
        p[20] = 4;
        p[21] = (byte) 0xff; // the reserved flags byte, never looked at
        p[22] = (byte) (cpi >>> 8);
        p[23] = (byte) cpi;
        return new PacketView().wrap(java.util.Arrays.copyOf(p, length));
    }

    private boolean matches(String options, PacketView p) {
        return filter.matches("-p ipcomp -m ipcomp " + options, p);
    }

    @Test
    void cpiValuesAndRanges() {
        PacketView p = packet(0x1234, 36, false);
        assertTrue(matches("--ipcompspi 0x1234", p));
        assertFalse(matches("--ipcompspi 0x1235", p));
        assertTrue(matches("--ipcompspi 4000:5000", p));
        assertTrue(matches("! --ipcompspi 1:2", p));
        assertTrue(matches("--ipcompspi 4660 --compres", p));
        assertTrue(matches("--ipcompspi :", p));
        assertFalse(matches("! --ipcompspi :", p));
        assertFalse(matches("--ipcompspi 0x5678:0x1234", p));
    }

    /**
     * A deliberate difference: iptables leaves the range 0:0 without --ipcompspi (saved
     * "--ipcompspi 0"), yet saves the whole range as nothing, which restores as 0:0. jptables
     * keeps rules in the saved form, so the whole range must survive that: no --ipcompspi is it.
     */
    @Test
    void withoutAnSpiTheRangeIsWhole() {
        assertTrue(matches("", packet(1, 36, false)));
        assertTrue(matches("", packet(0, 36, false)));
        assertTrue(matches("--compres", packet(0xffff, 36, false)));
        assertEquals("-A INPUT -p ipcomp -m ipcomp", filter.saved("-p ipcomp -m ipcomp"));
        assertEquals("-A INPUT -p ipcomp -m ipcomp --compres", filter.saved("-p ipcomp -m ipcomp --compres"));
        assertEquals("-A INPUT -p ipcomp -m ipcomp", filter.saved("-p ipcomp -m ipcomp --ipcompspi :"));
    }

    @Test
    void truncatedHeadersDropFragmentsNeverMatch() {
        assertEquals("DROP", filter.verdictName("-p ipcomp -m ipcomp ! --ipcompspi 1 -j ACCEPT",
                packet(7, 20 + 3, false)));
        assertEquals("ACCEPT", filter.verdictName("-p ipcomp -m ipcomp --ipcompspi 7 -j ACCEPT",
                packet(7, 20 + 4, false)));
        PacketView fragment = packet(7, 36, true);
        assertFalse(matches("! --ipcompspi 1", fragment));
        assertFalse(fragment.hotdropped());
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = IpcompTest.class.getResourceAsStream("/help-ipcomp.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new IpcompExtension().help());
        }
    }
}
