package org.jptables.plugins.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.jptables.testkit.TestSets;
import org.junit.jupiter.api.Test;

/** The set match on packets, as xt_set and the set types answer the kernel's ip_set_test. */
class SetMatchTest {
    private static TestPackets tcp(TestSets sets, String src, int sport, String dst, int dport) {
        return TestPackets.tcp(src, sport, dst, dport).at(sets.nanos());
    }

    @Test
    void aSourceInTheSetMatchesAndInversionFlipsIt() {
        TestSets sets = TestSets.of("create bad hash:ip", "add bad 192.0.2.1");
        RuleTester t = RuleTester.filter().with(sets.sets());
        assertTrue(t.matches("-m set --match-set bad src", tcp(sets, "192.0.2.1", 1000, "198.18.0.1", 22).view()));
        assertFalse(t.matches("-m set --match-set bad dst", tcp(sets, "192.0.2.1", 1000, "198.18.0.1", 22).view()));
        assertFalse(t.matches("-m set ! --match-set bad src", tcp(sets, "192.0.2.1", 1000, "198.18.0.1", 22).view()));
        assertTrue(t.matches("-m set ! --match-set bad src", tcp(sets, "192.0.2.2", 1000, "198.18.0.1", 22).view()));
    }

    @Test
    void theProtocolIsPartOfAPortElement() {
        TestSets sets = TestSets.of("create svc hash:ip,port", "add svc 198.18.0.1,tcp:22", "add svc 198.18.0.1,icmp:ping");
        RuleTester t = RuleTester.filter().with(sets.sets());
        assertTrue(t.matches("-m set --match-set svc dst,dst", tcp(sets, "10.0.0.1", 999, "198.18.0.1", 22).view()));
        assertFalse(t.matches("-m set --match-set svc dst,dst",
                TestPackets.udp("10.0.0.1", 999, "198.18.0.1", 22).at(sets.nanos()).view()));
        assertFalse(t.matches("-m set --match-set svc dst,src", tcp(sets, "10.0.0.1", 999, "198.18.0.1", 22).view()));
        assertTrue(t.matches("-m set --match-set svc dst,dst",
                TestPackets.icmp("10.0.0.1", "198.18.0.1", 8, 0).at(sets.nanos()).view()));
        // fewer directions than the set has dimensions: never a match
        assertFalse(t.matches("-m set --match-set svc dst", tcp(sets, "10.0.0.1", 999, "198.18.0.1", 22).view()));
    }

    @Test
    void nomatchEntriesCarveOutOfTheirNetsAndReturnNomatchTurnsThem() {
        TestSets sets = TestSets.of("create nets hash:net", "add nets 10.0.0.0/8", "add nets 10.1.0.0/16 nomatch");
        RuleTester t = RuleTester.filter().with(sets.sets());
        assertTrue(t.matches("-m set --match-set nets src", tcp(sets, "10.2.3.4", 1, "198.18.0.1", 2).view()));
        assertFalse(t.matches("-m set --match-set nets src", tcp(sets, "10.1.3.4", 1, "198.18.0.1", 2).view()));
        assertTrue(t.matches("-m set --match-set nets src --return-nomatch",
                tcp(sets, "10.1.3.4", 1, "198.18.0.1", 2).view()));
        assertFalse(t.matches("-m set --match-set nets src --return-nomatch",
                tcp(sets, "10.2.3.4", 1, "198.18.0.1", 2).view()));
    }

    @Test
    void countersCountTheMatchedPacketsAndAreCompared() {
        TestSets sets = TestSets.of("create c hash:ip counters", "add c 192.0.2.1");
        RuleTester t = RuleTester.filter().with(sets.sets());
        var p = tcp(sets, "192.0.2.1", 1, "198.18.0.1", 2);
        assertTrue(t.matches("-m set --match-set c src", p.view()));
        assertTrue(t.matches("-m set --match-set c src", p.view()));
        // the packet being tested counts before the comparison
        assertTrue(t.matches("-m set --match-set c src --packets-eq 3", p.view()));
        assertFalse(t.matches("-m set --match-set c src ! --update-counters --packets-gt 3", p.view()));
        assertFalse(t.matches("-m set --match-set c src ! --packets-eq 4", p.view()));
        assertTrue(t.matches("-m set --match-set c src ! --update-counters ! --packets-eq 9", p.view()));
        assertTrue(sets.ipset("list c").contains("192.0.2.1 packets 4 bytes 160\n"), sets.ipset("list c"));
    }

    @Test
    void aTimedOutEntryNoLongerMatchesOnThePacketsClock() {
        TestSets sets = TestSets.of("create t hash:ip timeout 10", "add t 192.0.2.1");
        RuleTester t = RuleTester.filter().with(sets.sets());
        long start = sets.nanos();
        assertTrue(t.matches("-m set --match-set t src",
                TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).at(start + 10_000_000_000L).view()));
        assertFalse(t.matches("-m set --match-set t src",
                TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).at(start + 10_004_000_000L).view()));
    }

    @Test
    void aListOfSetsMatchesByItsMembers() {
        TestSets sets = TestSets.of("create a hash:ip", "create p bitmap:port range 0-1024", "create l list:set",
                "add l a", "add l p", "add a 192.0.2.1", "add p 22");
        RuleTester t = RuleTester.filter().with(sets.sets());
        assertTrue(t.matches("-m set --match-set l src", tcp(sets, "192.0.2.1", 5000, "198.18.0.1", 80).view()));
        assertTrue(t.matches("-m set --match-set l dst", tcp(sets, "192.0.2.9", 5000, "198.18.0.1", 22).view()));
        // bitmap:port takes the ports of TCP and UDP only
        assertFalse(t.matches("-m set --match-set l dst",
                TestPackets.ip("192.0.2.9", "198.18.0.1", 47).at(sets.nanos()).view()));
    }

    @Test
    void eachRuleHoldsAReferenceToItsSet() {
        TestSets sets = TestSets.of("create held hash:ip");
        RuleTester.filter().with(sets.sets()).saved("-m set --match-set held src -m set --match-set held dst");
        assertTrue(sets.ipset("list -t held").contains("References: 2\n"));
        assertEquals("", sets.ipset("list -n").replace("held\n", ""));
    }
}
