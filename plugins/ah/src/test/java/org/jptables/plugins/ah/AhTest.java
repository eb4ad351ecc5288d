package org.jptables.plugins.ah;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What -m ah does to packets: the SPI at byte 4 of the 12-byte header, fragments never. */
class AhTest {
    private final RuleTester filter = RuleTester.filter();

    /** An IPv4 packet of protocol 51 whose header carries {@code spi}, cut to {@code length} bytes. */
    static PacketView packet(long spi, int length, boolean fragment) {
        byte[] p = new byte[20 + 32];
        p[0] = 0x45;
        p[2] = 0;
        p[3] = (byte) p.length;
        p[6] = (byte) (fragment ? 0 : 0);
        p[7] = (byte) (fragment ? 3 : 0);
        p[8] = 64;
        p[9] = 51;
        p[12] = 10;
        p[15] = 1;
        p[16] = 10;
        p[19] = 2;
        for (int i = 0; i < 4; i++) {
            p[20 + 4 + i] = (byte) (spi >>> (24 - 8 * i));
        }
        return new PacketView().wrap(java.util.Arrays.copyOf(p, length));
    }

    private boolean matches(String options, PacketView p) {
        return filter.matches("-p ah -m ah " + options, p);
    }

    @Test
    void spiValuesAndRanges() {
        PacketView p = packet(0x12345678L, 52, false);
        assertTrue(matches("--ahspi 0x12345678", p));
        assertTrue(matches("--ahspi 305419896", p));
        assertFalse(matches("--ahspi 305419897", p));
        assertTrue(matches("--ahspi 305419000:305420000", p));
        assertTrue(matches("! --ahspi 1:2", p));
        assertTrue(matches("", p));
        PacketView top = packet(0xFFFFFFFFL, 52, false);
        assertTrue(matches("--ahspi 4294967295", top));
        assertTrue(matches("--ahspi 5:", top));
        assertFalse(matches("--ahspi :5", top));
    }

    @Test
    void aReversedRangeOrAnInvertedWholeRangeNeverMatches() {
        PacketView p = packet(4, 52, false);
        assertFalse(matches("--ahspi 5:3", p));
        // saved without the "!", as iptables does, yet the kernel keeps the inversion
        assertFalse(matches("! --ahspi :", p));
        assertEquals("-A INPUT -p ah -m ah", filter.saved("-p ah -m ah ! --ahspi :"));
    }

    @Test
    void truncatedHeadersDropFragmentsNeverMatch() {
        PacketView cut = packet(7, 20 + 12 - 1, false);
        assertEquals("DROP", filter.verdictName("-p ah -m ah ! --ahspi 1 -j ACCEPT", cut));
        PacketView whole = packet(7, 20 + 12, false);
        assertEquals("ACCEPT", filter.verdictName("-p ah -m ah --ahspi 7 -j ACCEPT", whole));
        PacketView fragment = packet(7, 52, true);
        assertFalse(matches("! --ahspi 1", fragment));
        assertFalse(fragment.hotdropped());
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = AhTest.class.getResourceAsStream("/help-ah.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new AhExtension().help());
        }
    }
}
