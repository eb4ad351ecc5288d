package org.jptables.plugins.sctp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What -m sctp does to packets (xt_sctp.c's sctp_mt and match_packet). */
class SctpTest {
    private final RuleTester filter = RuleTester.filter();

    /** An IPv4 packet of protocol 132: ports 5000 -> 9, then chunks given as type, flags, length (padded). */
    static PacketView sctp(int sport, int dport, int... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(sport >> 8);
        body.write(sport);
        body.write(dport >> 8);
        body.write(dport);
        body.writeBytes(new byte[8]);
        for (int i = 0; i < chunks.length; i += 3) {
            int length = chunks[i + 2];
            body.write(chunks[i]);
            body.write(chunks[i + 1]);
            body.write(length >> 8);
            body.write(length);
            body.writeBytes(new byte[Math.max(0, ((length + 3) & ~3) - 4)]);
        }
        byte[] payload = body.toByteArray();
        byte[] p = new byte[20 + payload.length];
        p[0] = 0x45;
        p[2] = (byte) (p.length >> 8);
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = (byte) 132;
        p[12] = (byte) 192;
        p[13] = 0;
        p[14] = 2;
        p[15] = 1;
        p[16] = (byte) 198;
        p[17] = 51;
        p[18] = 100;
        p[19] = 1;
        System.arraycopy(payload, 0, p, 20, payload.length);
        return new PacketView().wrap(p);
    }

    private boolean matches(String options, PacketView p) {
        return filter.matches("-p sctp -m sctp " + options, p);
    }

    @Test
    void ports() {
        PacketView p = sctp(5000, 9, 1, 0, 20);
        assertTrue(matches("--dport 9", p));
        assertTrue(matches("--sport 4000:6000 --dport 0:9", p));
        assertFalse(matches("! --dport 9", p));
        assertFalse(matches("--sport 5001:6000", p));
        assertTrue(matches("! --sport 5001:6000", p));
    }

    @Test
    void anyAllOnly() {
        // INIT then DATA (flags B and E) then SACK
        PacketView p = sctp(5000, 9, 1, 0, 20, 0, 0x03, 17, 3, 0, 16);
        assertTrue(matches("--chunk-types any INIT", p));
        assertTrue(matches("--chunk-types any ABORT,SACK", p));
        assertFalse(matches("--chunk-types any ABORT,COOKIE_ECHO", p));
        assertTrue(matches("--chunk-types all INIT,DATA", p));
        assertFalse(matches("--chunk-types all INIT,ABORT", p));
        assertTrue(matches("--chunk-types only INIT,DATA,SACK", p));
        assertFalse(matches("--chunk-types only INIT,DATA", p));
        assertTrue(matches("! --chunk-types only INIT,DATA", p));
        assertTrue(matches("--chunk-types any ALL", p));
        assertFalse(matches("--chunk-types any NONE", p));
        assertTrue(matches("--chunk-types all NONE", p));
        assertTrue(matches("--chunk-types only ALL", p));
        assertFalse(matches("--chunk-types all ALL", p));
    }

    @Test
    void flags() {
        PacketView p = sctp(5000, 9, 0, 0x03, 17);
        assertTrue(matches("--chunk-types any DATA:BE", p));
        assertTrue(matches("--chunk-types any DATA:Bi", p));
        assertFalse(matches("--chunk-types any DATA:I", p));
        assertFalse(matches("--chunk-types any DATA:e", p));
        // ONLY: a listed chunk whose flags differ fails the match
        assertFalse(matches("--chunk-types only DATA:U", p));
        // ALL: the chunk must appear with the flags asked
        assertFalse(matches("--chunk-types all DATA:U", p));
        PacketView abort = sctp(5000, 9, 6, 0x01, 4);
        assertTrue(matches("--chunk-types any ABORT:T", abort));
        assertFalse(matches("--chunk-types any ABORT:t", abort));
    }

    @Test
    void iDataFlagsAreKeptUnderTheNameIndexAndNeverApplied() {
        // libxt_sctp records I_DATA's flags under 15: the kernel looks for them on chunk type 15
        PacketView p = sctp(5000, 9, 64, 0x00, 20);
        assertTrue(matches("--chunk-types any I_DATA:U", p));
        assertEquals("-A INPUT -p sctp -m sctp --chunk-types any I_DATA", filter.saved("-p sctp -m sctp --chunk-types any I_DATA:U"));
    }

    @Test
    void badChunksDropThePacket() {
        // a chunk of length 0
        PacketView zero = sctp(5000, 9, 1, 0, 0);
        assertEquals("DROP", filter.verdictName("-p sctp -m sctp --chunk-types any DATA -j ACCEPT", zero));
        // a chunk whose length runs past the packet ends the walk: no match, no drop
        PacketView cut = sctp(5000, 9, 1, 0, 20);
        PacketView past = new PacketView().wrap(java.util.Arrays.copyOf(org.jptables.testkit.PacketBytes.bytes(cut), 36));
        assertEquals("ACCEPT", filter.verdictName("-p sctp -m sctp --chunk-types any DATA -j DROP", past));
        // the next chunk's header begins inside the packet but is cut: dropped
        PacketView two = sctp(5000, 9, 1, 0, 4, 0, 0, 4);
        PacketView shortened = new PacketView().wrap(java.util.Arrays.copyOf(org.jptables.testkit.PacketBytes.bytes(two), 38));
        assertEquals("DROP", filter.verdictName("-p sctp -m sctp --chunk-types any DATA -j ACCEPT", shortened));
        // ports not matched: the chunks are not read
        assertEquals("ACCEPT", filter.verdictName("-p sctp -m sctp --dport 10 --chunk-types any DATA -j DROP", zero));
        // the common header cut short
        PacketView tiny = new PacketView().wrap(java.util.Arrays.copyOf(org.jptables.testkit.PacketBytes.bytes(cut), 28));
        assertEquals("DROP", filter.verdictName("-p sctp -m sctp --dport 9 -j ACCEPT", tiny));
    }

    @Test
    void fragmentsNeverMatch() {
        PacketView p = sctp(5000, 9, 1, 0, 20);
        byte[] b = org.jptables.testkit.PacketBytes.bytes(p);
        b[7] = 1;
        PacketView fragment = new PacketView().wrap(b);
        assertFalse(matches("! --dport 1", fragment));
        assertFalse(fragment.hotdropped());
    }

    @Test
    void listsServiceNamesOfSctp() {
        assertTrue(filter.listed("-p sctp --dport 5672", false).endsWith("sctp dpt:amqp"));
        assertTrue(filter.listed("-p sctp --dport 5672", true).endsWith("sctp dpt:5672"));
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = SctpTest.class.getResourceAsStream("/help-sctp.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new SctpExtension().help());
        }
    }
}
