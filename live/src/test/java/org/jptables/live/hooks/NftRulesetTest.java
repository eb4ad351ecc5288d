package org.jptables.live.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class NftRulesetTest {
    private final NftRuleset ruleset = new NftRuleset("jptables_daemon");

    @Test
    void replacesTheWholeTableInOneScript() {
        String script = ruleset.replace(QueuePlan.standard(0, 4, FailMode.OPEN).withOwnMark(PacketMark.of(0x4a50)));
        assertEquals("""
                add table ip jptables_daemon
                delete table ip jptables_daemon
                table ip jptables_daemon {
                \tchain prerouting {
                \t\ttype filter hook prerouting priority -300; policy accept;
                \t\tiifname "lo" accept
                \t\tmeta mark 0x4a50 accept
                \t\tqueue num 0-3 bypass
                \t}
                \tchain output {
                \t\ttype filter hook output priority -300; policy accept;
                \t\tmeta mark 0x4a50 accept
                \t\tqueue num 0-3 bypass
                \t}
                \tchain postrouting {
                \t\ttype filter hook postrouting priority 100; policy accept;
                \t\toifname "lo" accept
                \t\tmeta mark 0x4a50 accept
                \t\tqueue num 0-3 bypass
                \t}
                }
                """, script);
    }

    @Test
    void failClosedDropsTheBypassFlagAndOneQueueHasNoRange() {
        assertEquals("queue num 7", NftRuleset.queueStatement(QueuePlan.standard(7, 1, FailMode.CLOSED)));
        assertEquals("queue num 7 bypass", NftRuleset.queueStatement(QueuePlan.standard(7, 1, FailMode.OPEN)));
        assertEquals("queue num 10-11", NftRuleset.queueStatement(QueuePlan.standard(10, 2, FailMode.CLOSED)));
    }

    @Test
    void interfacesMatchByDirectionWithWildcards() {
        QueuePlan plan = QueuePlan.standard(1, 1, FailMode.CLOSED).withHooks(EnumSet.allOf(HookPoint.class))
                .withSkipLoopback(false).withOwnMark(new PacketMark(0x10, 0xf0)).withInterfaces(List.of("eth0", "wg+"));
        assertEquals(List.of("meta mark & 0xf0 == 0x10 accept", "iifname \"eth0\" queue num 1",
                "iifname \"wg*\" queue num 1"), ruleset.rules(plan, HookPoint.PREROUTING));
        assertEquals(List.of("meta mark & 0xf0 == 0x10 accept", "oifname \"eth0\" queue num 1",
                "oifname \"wg*\" queue num 1"), ruleset.rules(plan, HookPoint.OUTPUT));
        assertEquals(List.of("meta mark & 0xf0 == 0x10 accept", "iifname \"eth0\" queue num 1",
                "iifname \"wg*\" queue num 1", "oifname \"eth0\" queue num 1", "oifname \"wg*\" queue num 1"),
                ruleset.rules(plan, HookPoint.FORWARD));
    }

    @Test
    void removalSucceedsWhetherOrNotTheTableIsThere() {
        assertEquals("add table ip jptables_daemon\ndelete table ip jptables_daemon\n", ruleset.removal());
    }

    @Test
    void tableNamesAreNftIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> new NftRuleset("x; flush ruleset"));
        assertThrows(IllegalArgumentException.class, () -> new NftRuleset("1abc"));
    }
}
