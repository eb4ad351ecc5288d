package org.jptables.plugins.length;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jptables.api.ListingFormat;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class LengthTest {
    private static LengthMatch match(String arg, boolean inverted) throws RuleException {
        MatchBuilder b = new LengthExtension().newBuilder(TestContext.filterInput());
        b.option(LengthExtension.LENGTH, List.of(arg), inverted);
        return (LengthMatch) b.build();
    }

    private static String printed(LengthMatch m) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(true, null));
        return sb.toString();
    }

    private static String saved(LengthMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    /** A packet of {@code total} bytes (20 of IPv4 header, 8 of UDP header). */
    private static PacketView ofLength(int total) {
        return TestPackets.udp("192.0.2.1", 1, "192.0.2.2", 2).length(total - 28).view();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "64|64", "64:128|64:128", ":128|0:128", "64:|64:65535", ":|0:65535", "''|0", "0x40|64", "040|32",
        "' 64'|64", "+5|5", "65535|65535", "128:64|128:64", "0:0|0",
    })
    void values(String arg, String shown) throws RuleException {
        LengthMatch m = match(arg, false);
        assertEquals(" length " + shown, printed(m));
        assertEquals(" --length " + shown, saved(m));
        LengthMatch not = match(arg, true);
        assertEquals(" length !" + shown, printed(not));
        assertEquals(" ! --length " + shown, saved(not));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "65536|length: bad value for option \"--length\" near \"65536\", or out of range (0-65535).",
        "abc|length: bad value for option \"--length\" near \"abc\", or out of range (0-65535).",
        "-1|length: bad value for option \"--length\" near \"-1\", or out of range (0-65535).",
        "1:99999|length: bad value for option \"--length\" near \"99999\", or out of range (0-65535).",
        "99999:1|length: bad value for option \"--length\" near \"99999:1\", or out of range (0-65535).",
        "64x|length: Argument to \"--length\" has unexpected characters near \"x\".",
        "1:2x|length: Argument to \"--length\" has unexpected characters near \"x\".",
        "0x|length: Argument to \"--length\" has unexpected characters near \"x\".",
        "1:2:3|length: Too many components for option \"--length\" (max: 2)",
        "1::|length: Too many components for option \"--length\" (max: 2)",
        "::|length: Too many components for option \"--length\" (max: 2)",
    })
    void refusals(String arg, String message) {
        assertEquals(message, assertThrows(RuleException.class, () -> match(arg, false)).getMessage());
    }

    @Test
    void totalLengthIsCompared() throws RuleException {
        LengthMatch m = match("64:128", false);
        assertTrue(m.matches(ofLength(64)));
        assertTrue(m.matches(ofLength(128)));
        assertFalse(m.matches(ofLength(63)));
        assertFalse(m.matches(ofLength(129)));
        assertTrue(match("64:128", true).matches(ofLength(129)));
        assertFalse(match("128:64", false).matches(ofLength(100)));
        // the header field counts, not the bytes captured
        assertTrue(match("100", false).matches(TestPackets.udp("192.0.2.1", 1, "192.0.2.2", 2).length(72)
                .truncated(40)));
    }

    @Property
    void rangeMatchesLengthsWithin(@ForAll @IntRange(min = 28, max = 1500) int a,
                                   @ForAll @IntRange(min = 28, max = 1500) int b,
                                   @ForAll @IntRange(min = 28, max = 1500) int length, @ForAll boolean not)
            throws RuleException {
        LengthMatch m = match(a + ":" + b, not);
        assertEquals((length >= a && length <= b) != not, m.matches(ofLength(length)));
        String saved = saved(m);
        assertEquals(m, match(saved.substring(saved.lastIndexOf(' ') + 1), not));
    }

    @Test
    void placementAndHelp() throws Exception {
        LengthExtension ext = new LengthExtension();
        assertEquals(Placement.ANYWHERE, ext.placement());
        assertTrue(ext.options().get(0).required());
        try (InputStream in = LengthTest.class.getResourceAsStream("/help-length.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), ext.help());
        }
    }
}
