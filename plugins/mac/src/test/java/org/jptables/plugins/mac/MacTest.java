package org.jptables.plugins.mac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class MacTest {
    private static MacMatch match(String arg, boolean inverted) throws RuleException {
        MatchBuilder b = new MacExtension().newBuilder(TestContext.filterInput());
        b.option("--mac-source", List.of(arg), inverted);
        return (MacMatch) b.build();
    }

    private static String printed(MacMatch m) {
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(true, null));
        return sb.toString();
    }

    private static String saved(MacMatch m) {
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        return sb.toString();
    }

    private static PacketView from(long mac) {
        return TestPackets.udp("192.0.2.1", 1, "192.0.2.2", 2).view().sourceMac(mac);
    }

    @ParameterizedTest
    @CsvSource({
        "42:01:02:03:04:05,42:01:02:03:04:05", "aa:BB:cc:dd:ee:ff,aa:bb:cc:dd:ee:ff",
        "a:b:c:d:e:f,0a:0b:0c:0d:0e:0f", "FF:FF:FF:FF:FF:FF,ff:ff:ff:ff:ff:ff",
        // strtoul's leniency, kept by iptables
        ":::::,00:00:00:00:00:00", "-1:2:3:4:5:6,ff:02:03:04:05:06", "' 1:+2:3:4:5:6',01:02:03:04:05:06"
    })
    void readsAndShows(String arg, String shown) throws RuleException {
        MacMatch m = match(arg, false);
        assertEquals(" MAC " + shown, printed(m));
        assertEquals(" --mac-source " + shown, saved(m));
        MacMatch inverted = match(arg, true);
        assertEquals(" MAC ! " + shown, printed(inverted));
        assertEquals(" ! --mac-source " + shown, saved(inverted));
    }

    @ParameterizedTest
    @CsvSource({"42:01:02:03:04", "42:01:02:03:04:05:06", "42-01-02-03-04-05", "420:1:02:03:04:05",
        "42:01:02:03:04:0g", "42:01:02:03:04:05:", "0x1:2:3:4:5:6", "''", "1:2:3:4:5:123", "--1:2:3:4:5:6"})
    void invalid(String arg) {
        assertEquals("Invalid MAC address specified.",
                assertThrows(RuleException.class, () -> match(arg, false)).getMessage());
    }

    @Test
    void matchesTheSourceAddress() throws RuleException {
        MacMatch m = match("42:01:02:03:04:05", false);
        assertEquals(0x420102030405L, m.mac());
        assertTrue(m.matches(from(0x420102030405L)));
        assertFalse(m.matches(from(0x420102030406L)));
        MacMatch not = match("42:01:02:03:04:05", true);
        assertFalse(not.matches(from(0x420102030405L)));
        assertTrue(not.matches(from(0x000000000001L)));
    }

    @Test
    void withoutEthernetHeaderNeverMatches() throws RuleException {
        PacketView none = from(-1);
        assertFalse(match("42:01:02:03:04:05", false).matches(none));
        assertFalse(match("42:01:02:03:04:05", true).matches(none));
    }

    @Property
    void everyAddressRoundTrips(@ForAll @LongRange(min = 0, max = 0xFFFFFFFFFFFFL) long mac) throws RuleException {
        String text = MacAddress.format(mac);
        assertEquals(mac, MacAddress.parse(text));
        assertEquals(mac, MacAddress.parse(text.toUpperCase()));
        assertTrue(match(text, false).matches(from(mac)));
    }

    @Test
    void placement() {
        Placement p = new MacExtension().placement();
        for (Hook h : Hook.values()) {
            boolean incoming = h == Hook.PREROUTING || h == Hook.INPUT || h == Hook.FORWARD;
            assertEquals(incoming, p.allows("filter", h), h.name());
            assertEquals(incoming, p.allows("mangle", h), h.name());
        }
        RuleTester out = RuleTester.of("filter", "OUTPUT");
        assertEquals(1, out.failure("-m mac --mac-source 42:01:02:03:04:05").status());
    }

    @Test
    void wholeRulesAndHelp() throws Exception {
        RuleTester t = RuleTester.filter();
        assertTrue(t.matches("-m mac --mac-source 42:01:02:03:04:05", from(0x420102030405L)));
        assertFalse(t.matches("-m mac ! --mac-source 42:01:02:03:04:05", from(0x420102030405L)));
        try (InputStream in = MacTest.class.getResourceAsStream("/help-mac.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new MacExtension().help());
        }
    }
}
