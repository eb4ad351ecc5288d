package org.jptables.plugins.esp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What -m esp does to packets: the SPI at byte 0 of the 8-byte header, fragments never. */
class EspTest {
    private final RuleTester filter = RuleTester.filter();

    /** An IPv4 packet of protocol 50 whose header carries {@code spi}, cut to {@code length} bytes. */
    static PacketView packet(long spi, int length, boolean fragment) {
        byte[] p = new byte[20 + 32];
        p[0] = 0x45;
        p[2] = 0;
        p[3] = (byte) p.length;
        p[6] = (byte) (fragment ? 0 : 0);
        p[7] = (byte) (fragment ? 3 : 0);
        p[8] = 64;
        p[9] = 50;
        p[12] = 10;
        p[15] = 1;
        p[16] = 10;
        p[19] = 2;
        for (int i = 0; i < 4; i++) {
            p[20 + 0 + i] = (byte) (spi >>> (24 - 8 * i));
        }
        return new PacketView().wrap(java.util.Arrays.copyOf(p, length));
    }

    private boolean matches(String options, PacketView p) {
        return filter.matches("-p esp -m esp " + options, p);
    }

    @Test
    void spiValuesAndRanges() {
        PacketView p = packet(0x12345678L, 52, false);
        assertTrue(matches("--espspi 0x12345678", p));
        assertTrue(matches("--espspi 305419896", p));
        assertFalse(matches("--espspi 305419897", p));
        assertTrue(matches("--espspi 305419000:305420000", p));
        assertTrue(matches("! --espspi 1:2", p));
        assertTrue(matches("", p));
        PacketView top = packet(0xFFFFFFFFL, 52, false);
        assertTrue(matches("--espspi 4294967295", top));
        assertTrue(matches("--espspi 5:", top));
        assertFalse(matches("--espspi :5", top));
    }

    @Test
    void aReversedRangeOrAnInvertedWholeRangeNeverMatches() {
        PacketView p = packet(4, 52, false);
        assertFalse(matches("--espspi 5:3", p));
        // saved without the "!", as iptables does, yet the kernel keeps the inversion
        assertFalse(matches("! --espspi :", p));
        assertEquals("-A INPUT -p esp -m esp", filter.saved("-p esp -m esp ! --espspi :"));
    }

    @Test
    void truncatedHeadersDropFragmentsNeverMatch() {
        PacketView cut = packet(7, 20 + 8 - 1, false);
        assertEquals("DROP", filter.verdictName("-p esp -m esp ! --espspi 1 -j ACCEPT", cut));
        PacketView whole = packet(7, 20 + 8, false);
        assertEquals("ACCEPT", filter.verdictName("-p esp -m esp --espspi 7 -j ACCEPT", whole));
        PacketView fragment = packet(7, 52, true);
        assertFalse(matches("! --espspi 1", fragment));
        assertFalse(fragment.hotdropped());
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = EspTest.class.getResourceAsStream("/help-esp.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new EspExtension().help());
        }
    }
}
