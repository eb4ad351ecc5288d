package org.jptables.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import org.jptables.api.Packet;
import org.jptables.api.Verdict;
import org.junit.jupiter.api.Test;

/**
 * The testkit as a plugin's test uses it: packets declared as the API's {@link Packet}, rules on
 * them through the real parser and evaluation loop. This file imports no kernel class.
 */
class RuleTesterTest {
    private final RuleTester filter = RuleTester.filter();

    @Test
    void savesAPluginsRule() {
        assertEquals("-A INPUT -m ipid --id 4660 --df", filter.saved("-m ipid --id 0x1234 --df"));
        assertEquals("Bad value for \"--id\" option: \"65536\"", filter.error("-m ipid --id 65536"));
    }

    @Test
    void runsRulesOnPacketsDeclaredAsTheApisPacket() {
        TestPackets syn = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).flags(TestPackets.SYN);
        syn.ipv4().id(0xBEEF).dontFragment(true);
        Packet p = syn.view();
        assertEquals(0xBEEF, p.identification());
        assertEquals(TestPackets.SYN, p.u8(p.transportOffset() + 13));
        assertTrue(filter.matches("-m ipid --id 48879 --df", p));
        assertFalse(filter.matches("-m ipid --id 48878", p));
        assertFalse(filter.matches("-m ipid --mf", p));
        assertEquals(Verdict.ACCEPT, filter.verdict("-m ipid --id 48879", p));
        assertEquals("ACCEPT", filter.verdictName("-m ipid --df", p));
    }

    @Test
    void aFragmentHasMoreFragments() {
        TestPackets fragment = TestPackets.udp("192.0.2.1", 40000, "198.18.0.1", 53);
        fragment.ipv4().id(9).moreFragments(true);
        assertTrue(filter.matches("-m ipid --id 9 --mf", fragment.view()));
        assertFalse(filter.matches("-m ipid --df", fragment.view()));
    }

    @Test
    void aPacketCutBeforeTheIdentificationIsDropped() {
        Packet cut = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).truncated(5);
        assertEquals(-1, cut.identification());
        // the match hotdrops: the chain's policy (ACCEPT) is never reached
        assertEquals(Verdict.DROP, filter.verdict("-m ipid --id 1", cut));
        assertFalse(filter.matches("-m ipid --id 1", cut));
    }

    @Test
    void refusesAPacketTheTestkitDidNotMake() {
        Packet foreign = (Packet) Proxy.newProxyInstance(Packet.class.getClassLoader(), new Class<?>[] {Packet.class},
                (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        var e = assertThrows(IllegalArgumentException.class, () -> filter.verdict("-m ipid --df", foreign));
        assertTrue(e.getMessage().startsWith("the testkit runs rules on packets of TestPackets"), e.getMessage());
    }
}
