package org.jptables.plugins.set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jptables.api.Hook;
import org.jptables.api.Verdict;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.jptables.testkit.TestSets;
import org.junit.jupiter.api.Test;

/** The SET target on packets: additions, deletions and mappings as xt_SET makes them. */
class SetTargetTest {
    @Test
    void addsTheSourceWithTheSetsTimeoutAndGoesOn() {
        TestSets sets = TestSets.of("create seen hash:ip timeout 60 counters");
        RuleTester t = RuleTester.filter().with(sets.sets());
        var p = TestPackets.tcp("192.0.2.7", 1234, "198.18.0.1", 22).at(sets.nanos()).view();
        assertEquals(Verdict.ACCEPT, t.verdict("-j SET --add-set seen src", p));
        assertEquals("192.0.2.7 timeout 60 packets 1 bytes 40\n", members(sets.ipset("list seen")));
        sets.advance(10);
        assertEquals("192.0.2.7 timeout 50 packets 1 bytes 40\n", members(sets.ipset("list seen")));
    }

    @Test
    void anAdditionOfAnEntryThereRenewsItOnlyWithExist() {
        TestSets sets = TestSets.of("create seen hash:ip timeout 60");
        RuleTester t = RuleTester.filter().with(sets.sets());
        long start = sets.nanos();
        t.verdict("-j SET --add-set seen src --timeout 30",
                TestPackets.tcp("192.0.2.7", 1, "198.18.0.1", 2).at(start).view());
        sets.advance(20);
        t.verdict("-j SET --add-set seen src", TestPackets.tcp("192.0.2.7", 1, "198.18.0.1", 2).at(sets.nanos()).view());
        assertEquals("192.0.2.7 timeout 10\n", members(sets.ipset("list seen")));
        t.verdict("-j SET --add-set seen src --exist",
                TestPackets.tcp("192.0.2.7", 1, "198.18.0.1", 2).at(sets.nanos()).view());
        assertEquals("192.0.2.7 timeout 60\n", members(sets.ipset("list seen")));
    }

    @Test
    void deletesTheDestinationPortElement() {
        TestSets sets = TestSets.of("create svc hash:ip,port", "add svc 198.18.0.1,udp:53", "add svc 198.18.0.1,tcp:53");
        RuleTester t = RuleTester.filter().with(sets.sets());
        t.verdict("-j SET --del-set svc dst,dst", TestPackets.udp("10.0.0.1", 9, "198.18.0.1", 53).view());
        assertEquals("198.18.0.1,tcp:53\n", members(sets.ipset("list svc")));
    }

    @Test
    void anAdditionToAListGoesToTheFirstMemberThatTakesIt() {
        TestSets sets = TestSets.of("create ports bitmap:port range 0-100", "create hosts hash:ip", "create l list:set",
                "add l ports", "add l hosts");
        RuleTester t = RuleTester.filter().with(sets.sets());
        t.verdict("-j SET --add-set l dst", TestPackets.tcp("10.0.0.1", 9, "198.18.0.1", 5000).view());
        assertEquals("198.18.0.1\n", members(sets.ipset("list hosts")));
        assertEquals("", members(sets.ipset("list ports")));
        t.verdict("-j SET --add-set l dst", TestPackets.tcp("10.0.0.1", 9, "198.18.0.1", 80).view());
        assertEquals("80\n", members(sets.ipset("list ports")));
    }

    @Test
    void mapSetGivesThePacketTheEntrysMarkAndPriority() {
        TestSets sets = TestSets.of("create m hash:ip skbinfo", "add m 192.0.2.1 skbmark 0x10/0xf0 skbprio 1:2");
        RuleTester t = RuleTester.of("mangle", "FORWARD").with(sets.sets());
        var p = TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).mark(0x1234).hook(Hook.FORWARD).view();
        t.verdict("-j SET --map-set m src --map-mark --map-prio", p);
        assertEquals(0x1214, p.mark());
        assertEquals(0x10002, p.priority());
    }

    private static String members(String listing) {
        return listing.substring(listing.indexOf("Members:\n") + "Members:\n".length());
    }

    @Test
    void printsItsRuleAsIptables() {
        TestSets sets = TestSets.of("create a hash:ip", "create b hash:net");
        RuleTester t = RuleTester.filter().with(sets.sets());
        assertEquals("-A INPUT -j SET --add-set a src,dst --exist --timeout 5 --del-set b dst",
                t.saved("-j SET --del-set b dst --add-set a src,dst --timeout 5 --exist"));
        assertTrue(t.listed("-j SET --add-set a src", true).endsWith("add-set a src"));
    }
}
