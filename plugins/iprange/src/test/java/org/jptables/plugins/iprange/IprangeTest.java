package org.jptables.plugins.iprange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jptables.api.Addresses;
import org.jptables.api.RuleException;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class IprangeTest {
    private final RuleTester t = RuleTester.filter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--src-range 192.0.2.10-192.0.2.20|--src-range 192.0.2.10-192.0.2.20|source IP range 192.0.2.10-192.0.2.20",
        "! --src-range 192.0.2.10-192.0.2.20 ! --dst-range 10.0.0.1-10.0.0.1|! --src-range 192.0.2.10-192.0.2.20 ! --dst-range 10.0.0.1-10.0.0.1|source IP range ! 192.0.2.10-192.0.2.20 destination IP range ! 10.0.0.1-10.0.0.1",
        "--dst-range 10.0.0.5|--dst-range 10.0.0.5-10.0.0.5|destination IP range 10.0.0.5-10.0.0.5",
        "--src-range 10.0.0.5-10.0.0.1|--src-range 10.0.0.5-10.0.0.1|source IP range 10.0.0.5-10.0.0.1",
        "--src-range 10.1-10.2|--src-range 10.1.0.0-10.2.0.0|source IP range 10.1.0.0-10.2.0.0",
        "--dst-range 1.1.1.1 --src-range 2.2.2.2|--src-range 2.2.2.2-2.2.2.2 --dst-range 1.1.1.1-1.1.1.1|source IP range 2.2.2.2-2.2.2.2 destination IP range 1.1.1.1-1.1.1.1",
    })
    void savesAndListsAsIptables(String options, String saved, String listed) {
        assertEquals("-A INPUT -m iprange " + saved, t.saved("-m iprange " + options));
        assertTrue(t.listed("-m iprange " + options, false).endsWith(" " + listed));
        assertTrue(t.listed("-m iprange " + options, true).endsWith(" " + listed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--src-range 10.0.0.5-|iprange: Bad value for \"--src-range\" option: \"\"",
        "--src-range -10.0.0.5|iprange: Bad value for \"--src-range\" option: \"\"",
        "--src-range 10.0.0.5-10.0.0.6-10.0.0.7|iprange: Bad value for \"--src-range\" option: \"10.0.0.6-10.0.0.7\"",
        "--dst-range foo|iprange: Bad value for \"--dst-range\" option: \"foo\"",
        "--src-range localhost-10.0.0.1|iprange: Bad value for \"--src-range\" option: \"localhost\"",
        "--src-range 10.0.0.256|iprange: Bad value for \"--src-range\" option: \"10.0.0.256\"",
        "--src-range 10.0.0.1/24|iprange: Bad value for \"--src-range\" option: \"10.0.0.1/24\"",
        "--src-range 1.1.1.1 --src-range 2.2.2.2|iprange: option \"--src-range\" can only be used once.",
    })
    void refusesAsIptables(String options, String message) {
        assertEquals(message, t.error("-m iprange " + options).strip());
    }

    @Test
    void matchesRanges() {
        var inside = TestPackets.tcp("192.0.2.15", 1, "10.0.0.1", 2);
        assertTrue(t.matches("-m iprange --src-range 192.0.2.10-192.0.2.20", inside.view()));
        assertFalse(t.matches("-m iprange ! --src-range 192.0.2.10-192.0.2.20", inside.view()));
        assertTrue(t.matches("-m iprange --src-range 192.0.2.15", inside.view()));
        assertFalse(t.matches("-m iprange --src-range 192.0.2.16-192.0.2.20", inside.view()));
        assertTrue(t.matches("-m iprange --src-range 192.0.2.10-192.0.2.20 --dst-range 10.0.0.0-10.0.0.1", inside.view()));
        assertFalse(t.matches("-m iprange --src-range 192.0.2.10-192.0.2.20 ! --dst-range 10.0.0.0-10.0.0.1", inside.view()));
        // A reversed range holds nothing.
        assertFalse(t.matches("-m iprange --src-range 192.0.2.20-192.0.2.10", inside.view()));
        // Comparisons are unsigned: 200.x lies between 100.x and 250.x.
        assertTrue(t.matches("-m iprange --dst-range 100.0.0.0-250.0.0.0",
                TestPackets.udp("1.1.1.1", 1, "200.1.2.3", 2).view()));
    }

    @Property
    void containsIsUnsignedBetween(@ForAll int a, @ForAll int b, @ForAll int x) throws RuleException {
        AddressRange r = AddressRange.parse("--src-range", Addresses.format(a) + "-" + Addresses.format(b));
        long ua = a & 0xFFFFFFFFL;
        long ub = b & 0xFFFFFFFFL;
        long ux = x & 0xFFFFFFFFL;
        assertEquals(ux >= ua && ux <= ub, r.contains(x));
        assertEquals(ua <= ub, r.contains(a));
    }

    @Test
    void help() {
        assertEquals("iprange match options:\n"
                + "[!] --src-range ip[-ip]    Match source IP in the specified range\n"
                + "[!] --dst-range ip[-ip]    Match destination IP in the specified range\n",
                new IprangeExtension().help());
    }
}
