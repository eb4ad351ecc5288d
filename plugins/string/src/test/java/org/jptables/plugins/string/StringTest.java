package org.jptables.plugins.string;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** What -m string does to packets (xt_string.c, skb_find_text, lib/ts_bm.c and lib/ts_kmp.c). */
class StringTest {
    private final RuleTester filter = RuleTester.filter();

    /** A UDP packet (28 bytes of headers) carrying {@code payload}. */
    private static PacketView udp(byte[] payload) {
        byte[] head = org.jptables.testkit.PacketBytes.bytes(TestPackets.udp("10.77.0.1", 40000, "10.77.0.2", 9999).view());
        byte[] p = new byte[28 + payload.length];
        System.arraycopy(head, 0, p, 0, 28);
        System.arraycopy(payload, 0, p, 28, payload.length);
        int total = p.length;
        p[2] = (byte) (total >> 8);
        p[3] = (byte) total;
        return new PacketView().wrap(p);
    }

    private static PacketView udp(String payload) {
        return udp(payload.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The leftmost occurrence, byte by byte, with the kernel's case folding when asked. */
    static int naive(byte[] pattern, byte[] text, boolean icase) {
        outer:
        for (int at = 0; at + pattern.length <= text.length; at++) {
            for (int i = 0; i < pattern.length; i++) {
                int a = text[at + i] & 0xFF;
                int b = pattern[i] & 0xFF;
                if (icase ? KernelCtype.toUpper(a) != KernelCtype.toUpper(b) : a != b) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
    }

    @Test
    void findsTheStringInThePayload() {
        PacketView p = udp("GET /index.html HTTP/1.1");
        for (String algo : new String[] {"bm", "kmp"}) {
            assertTrue(filter.matches("-m string --algo " + algo + " --string index", p));
            assertFalse(filter.matches("-m string --algo " + algo + " --string INDEX", p));
            assertTrue(filter.matches("-m string --algo " + algo + " --string INDEX --icase", p));
            assertTrue(filter.matches("-m string --algo " + algo + " ! --string nothere", p));
            assertTrue(filter.matches("-m string --algo " + algo + " --hex-string \"|2f|index\"", p));
        }
    }

    @Test
    void fromAndToAreOffsetsFromTheIpHeader() {
        // "index" starts at payload byte 5: offset 33 from the IPv4 header, ends at 38
        PacketView p = udp("GET /index.html");
        assertTrue(filter.matches("-m string --algo kmp --string index --from 33", p));
        assertFalse(filter.matches("-m string --algo kmp --string index --from 34", p));
        assertTrue(filter.matches("-m string --algo kmp --string index --to 38", p));
        assertFalse(filter.matches("-m string --algo kmp --string index --to 37", p));
        assertFalse(filter.matches("-m string --algo bm --string index --from 33 --to 37", p));
        assertTrue(filter.matches("-m string --algo bm --string index --from 33 --to 38", p));
        // the headers are searched too: the UDP destination port 9999 is 0x270f
        assertTrue(filter.matches("-m string --algo bm --hex-string \"|270f|\"", p));
        assertFalse(filter.matches("-m string --algo bm --hex-string \"|270f|\" --from 28", p));
        // --from past the end, or equal to --to: nothing is searched
        assertFalse(filter.matches("-m string --algo kmp --string G --from 1000", p));
        assertFalse(filter.matches("-m string --algo kmp --string G --from 28 --to 28", p));
    }

    /**
     * Seen on Linux 6.18 (UDP packets between two namespaces, --from 28 so that only the payload
     * is searched): with --icase, bm misses occurrences that hold Latin-1 letters, since its
     * bad-character table is read with the text byte unfolded; kmp finds them.
     */
    @Test
    void boyerMooreMissesFoldedLatin1AsLinux() {
        String[][] cases = {{"df41", "41df414161df"}, {"bf41", "61df61"}, {"dfdf41", "41dfdf416161"}};
        for (String[] c : cases) {
            PacketView p = udp(HexFormat.of().parseHex(c[1]));
            String rule = " --hex-string \"|" + c[0] + "|\" --icase --from 28";
            assertFalse(filter.matches("-m string --algo bm" + rule, p), c[0] + " in " + c[1]);
            assertTrue(filter.matches("-m string --algo kmp" + rule, p), c[0] + " in " + c[1]);
        }
        // ASCII letters fold in both: "ab" in "ABCD", "abc" in "XABC"
        assertTrue(filter.matches("-m string --algo bm --hex-string \"|6162|\" --icase --from 28",
                udp(HexFormat.of().parseHex("41424344"))));
        assertTrue(filter.matches("-m string --algo bm --hex-string \"|616263|\" --icase --from 28",
                udp(HexFormat.of().parseHex("58414243"))));
    }

    @Provide
    Arbitrary<byte[]> patterns() {
        return Arbitraries.bytes().between((byte) 'a', (byte) 'c').array(byte[].class).ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> texts() {
        return Arbitraries.bytes().between((byte) 'a', (byte) 'c').array(byte[].class).ofMaxSize(60);
    }

    @Provide
    Arbitrary<byte[]> foldingPatterns() {
        return Arbitraries.of((byte) 'a', (byte) 'A', (byte) 0xBF, (byte) 0xDF, (byte) 0xE9, (byte) 0xC9)
                .array(byte[].class).ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<byte[]> foldingTexts() {
        return Arbitraries.of((byte) 'a', (byte) 'A', (byte) 0xBF, (byte) 0xDF, (byte) 0xE9, (byte) 0xC9)
                .array(byte[].class).ofMaxSize(30);
    }

    @Property(tries = 2000)
    void kmpFindsTheLeftmostOccurrence(@ForAll("patterns") byte[] pattern, @ForAll("texts") byte[] text) {
        PacketView t = new PacketView().wrap(text);
        assertEquals(naive(pattern, text, false), new Kmp(pattern, false).find(t, 0, text.length));
    }

    @Property(tries = 2000)
    void boyerMooreAgreesWithoutCaseFolding(@ForAll("patterns") byte[] pattern, @ForAll("texts") byte[] text) {
        PacketView t = new PacketView().wrap(text);
        assertEquals(naive(pattern, text, false), new BoyerMoore(pattern, false).find(t, 0, text.length));
    }

    @Property(tries = 2000)
    void foldedKmpIsExactAndFoldedBmNeverInvents(@ForAll("foldingPatterns") byte[] pattern,
                                                 @ForAll("foldingTexts") byte[] text) {
        PacketView t = new PacketView().wrap(text);
        int leftmost = naive(pattern, text, true);
        assertEquals(leftmost, new Kmp(pattern, true).find(t, 0, text.length));
        int bm = new BoyerMoore(pattern, true).find(t, 0, text.length);
        // bm may step over occurrences, but what it reports is one
        if (bm >= 0) {
            assertTrue(bm >= leftmost && naive(pattern, java.util.Arrays.copyOfRange(text, bm, text.length), true) == 0);
        }
    }

    @Test
    void kernelCaseFoldingIsLatin1() {
        assertEquals('A', KernelCtype.toUpper('a'));
        assertEquals(0xBF, KernelCtype.toUpper(0xDF));
        assertEquals(0xDF, KernelCtype.toUpper(0xFF));
        assertEquals(0xF7, KernelCtype.toUpper(0xF7));
        assertEquals(0xE9, KernelCtype.toLower(0xC9));
        assertEquals(0xD7, KernelCtype.toLower(0xD7));
    }

    @Test
    void listsAsIptables() {
        assertTrue(filter.listed("-m string --algo bm --string test", true)
                .endsWith("0.0.0.0/0            STRING match  \"test\" ALGO name bm"));
        assertTrue(filter.listed("-m string --algo kmp ! --hex-string \"|00|\" --from 2 --to 9 --icase", false)
                .endsWith("anywhere             STRING match ! \"|00|\" ALGO name kmp FROM 2 TO 9 ICASE"));
    }

    @Test
    void perPacketPathDoesNotAllocate() {
        var m = new StringExtension().newBuilder(null);
        try {
            m.option(StringExtension.ALGO, java.util.List.of("bm"), false);
            m.option(StringExtension.STRING, java.util.List.of("HTTP/1.1"), false);
            var match = m.build();
            PacketView p = udp("GET /index.html HTTP/1.1");
            var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 20_000; i++) {
                match.matches(p);
            }
            long before = bean.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                match.matches(p);
            }
            assertTrue(bean.getCurrentThreadAllocatedBytes() - before < 65536);
        } catch (org.jptables.api.RuleException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = StringTest.class.getResourceAsStream("/help-string.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new StringExtension().help());
        }
    }
}
