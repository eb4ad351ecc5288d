package org.jptables.live.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnedRulesTest {
    private static final String RAW_LISTING = """
            -P PREROUTING ACCEPT
            -P OUTPUT ACCEPT
            -N HOST-CHAIN
            -N JPTABLES-DAEMON-PRE
            -A PREROUTING -p udp -j CT --notrack
            -A PREROUTING -m comment --comment jptables-daemon -j JPTABLES-DAEMON-PRE
            -A PREROUTING -m comment --comment "host's own" -j HOST-CHAIN
            -A HOST-CHAIN -s 198.18.0.9/32 -j DROP
            -A JPTABLES-DAEMON-PRE -i lo -j RETURN
            -A JPTABLES-DAEMON-PRE -j NFQUEUE --queue-num 3 --queue-bypass
            """;

    @Test
    void takesOnlyTheDaemonsChainsAndCommentedJumps() {
        OwnedRules ours = OwnedRules.parse("raw", RAW_LISTING);
        assertEquals(List.of("-A PREROUTING -m comment --comment jptables-daemon -j JPTABLES-DAEMON-PRE"), ours.jumps());
        assertEquals(Map.of("JPTABLES-DAEMON-PRE", List.of("-A JPTABLES-DAEMON-PRE -i lo -j RETURN",
                "-A JPTABLES-DAEMON-PRE -j NFQUEUE --queue-num 3 --queue-bypass")), ours.chains());
        assertTrue(OwnedRules.parse("raw", "-P PREROUTING ACCEPT\n-A PREROUTING -j CT --notrack\n").isEmpty());
    }

    @Test
    void theWantedRulesAreWhatIptablesListsBack() {
        QueuePlan plan = QueuePlan.standard(0, 4, FailMode.OPEN).withOwnMark(new PacketMark(1, 0xff));
        Map<String, OwnedRules> wanted = IptablesRuleset.wanted(plan);
        assertEquals(List.of("-A PREROUTING -m comment --comment jptables-daemon -j JPTABLES-DAEMON-PRE",
                "-A OUTPUT -m comment --comment jptables-daemon -j JPTABLES-DAEMON-OUT"), wanted.get("raw").jumps());
        assertEquals(List.of("-A JPTABLES-DAEMON-POST -o lo -j RETURN",
                "-A JPTABLES-DAEMON-POST -m mark --mark 0x1/0xff -j RETURN",
                "-A JPTABLES-DAEMON-POST -j NFQUEUE --queue-balance 0:3 --queue-bypass"),
                wanted.get("mangle").chains().get("JPTABLES-DAEMON-POST"));
        assertEquals(List.of("-A JPTABLES-DAEMON-FWD -i eth0 -j NFQUEUE --queue-num 5",
                "-A JPTABLES-DAEMON-FWD -o eth0 -j NFQUEUE --queue-num 5"),
                IptablesRuleset.rules(QueuePlan.standard(5, 1, FailMode.CLOSED).withInterfaces(List.of("eth0")),
                        HookPoint.FORWARD));
    }

    @Test
    void replacingKeepsTheJumpAndRefillsTheChain() {
        OwnedRules now = OwnedRules.parse("raw", RAW_LISTING);
        OwnedRules wanted = IptablesRuleset.wanted(QueuePlan.standard(0, 2, FailMode.CLOSED)
                .withHooks(EnumSet.of(HookPoint.PREROUTING))).get("raw");
        assertEquals("""
                *raw
                :JPTABLES-DAEMON-PRE - [0:0]
                -A JPTABLES-DAEMON-PRE -i lo -j RETURN
                -A JPTABLES-DAEMON-PRE -j NFQUEUE --queue-balance 0:1
                COMMIT
                """, now.transition(wanted));
    }

    @Test
    void removingDeletesJumpsBeforeChains() {
        String listing = RAW_LISTING + "-A PREROUTING -m comment --comment jptables-daemon -j JPTABLES-DAEMON-PRE\n";
        assertEquals("""
                *raw
                -D PREROUTING -m comment --comment jptables-daemon -j JPTABLES-DAEMON-PRE
                -D PREROUTING -m comment --comment jptables-daemon -j JPTABLES-DAEMON-PRE
                -F JPTABLES-DAEMON-PRE
                -X JPTABLES-DAEMON-PRE
                COMMIT
                """, OwnedRules.parse("raw", listing).transition(OwnedRules.none("raw")));
    }

    @Test
    void installingFromNothingAppendsTheJumpAfterTheHostsRules() {
        OwnedRules wanted = IptablesRuleset.wanted(QueuePlan.standard(2, 1, FailMode.OPEN)
                .withHooks(EnumSet.of(HookPoint.OUTPUT))).get("raw");
        assertEquals("""
                *raw
                :JPTABLES-DAEMON-OUT - [0:0]
                -A JPTABLES-DAEMON-OUT -j NFQUEUE --queue-num 2 --queue-bypass
                -A OUTPUT -m comment --comment jptables-daemon -j JPTABLES-DAEMON-OUT
                COMMIT
                """, OwnedRules.none("raw").transition(wanted));
    }
}
