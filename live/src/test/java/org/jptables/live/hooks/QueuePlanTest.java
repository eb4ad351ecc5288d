package org.jptables.live.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueuePlanTest {
    @Test
    void standardPlanQueuesAtPreroutingOutputAndPostrouting() {
        QueuePlan plan = QueuePlan.standard(0, 4, FailMode.OPEN);
        assertEquals(List.of(HookPoint.PREROUTING, HookPoint.OUTPUT, HookPoint.POSTROUTING), List.copyOf(plan.hooks()));
        assertEquals(3, plan.lastQueue());
        assertTrue(plan.skipLoopback());
        assertEquals("queue [PREROUTING, OUTPUT, POSTROUTING] to 0-3, fail open, loopback judged at OUTPUT only",
                plan.toString());
    }

    @Test
    void hookPointsKeepTheKernelsOrderWhateverTheGivenOne() {
        QueuePlan plan = QueuePlan.standard(1, 1, FailMode.CLOSED)
                .withHooks(List.of(HookPoint.POSTROUTING, HookPoint.FORWARD, HookPoint.PREROUTING));
        assertEquals(List.of(HookPoint.PREROUTING, HookPoint.FORWARD, HookPoint.POSTROUTING), List.copyOf(plan.hooks()));
    }

    @Test
    void loopbackIsSkippedOnlyWhereItShowsUpAgainAfterOutput() {
        QueuePlan plan = QueuePlan.standard(0, 1, FailMode.OPEN).withHooks(EnumSet.allOf(HookPoint.class));
        assertTrue(plan.skipsLoopbackAt(HookPoint.PREROUTING));
        assertTrue(plan.skipsLoopbackAt(HookPoint.INPUT));
        assertTrue(plan.skipsLoopbackAt(HookPoint.POSTROUTING));
        assertFalse(plan.skipsLoopbackAt(HookPoint.OUTPUT));
        assertFalse(plan.skipsLoopbackAt(HookPoint.FORWARD));
        assertFalse(plan.withSkipLoopback(false).skipsLoopbackAt(HookPoint.PREROUTING));
    }

    @Test
    void refusesWhatTheKernelCouldNotTake() {
        QueuePlan plan = QueuePlan.standard(0, 1, FailMode.OPEN);
        assertEquals("queue plan: no hook point to queue at",
                assertThrows(IllegalArgumentException.class, () -> plan.withHooks(EnumSet.noneOf(HookPoint.class)))
                        .getMessage());
        assertEquals("queue plan: 2 queues from 65535 do not fit in 0-65535",
                assertThrows(IllegalArgumentException.class, () -> plan.withQueues(65535, 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> plan.withQueues(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> plan.withQueues(0, 0));
        assertEquals(65535, plan.withQueues(65535, 1).lastQueue());
    }

    @Test
    void interfaceNamesFollowTheIptablesSyntax() {
        QueuePlan plan = QueuePlan.standard(0, 1, FailMode.OPEN);
        assertEquals(List.of("eth0", "veth+", "br-lan.10"), plan.withInterfaces(List.of("eth0", "veth+", "br-lan.10"))
                .interfaces());
        assertEquals(List.of("+"), plan.withInterfaces(List.of("+")).interfaces());
        for (String bad : List.of("", "eth 0", "eth\"0", "eth*", "a23456789012345+", "a234567890123456", "e+th")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> plan.withInterfaces(List.of(bad)), bad);
            assertTrue(e.getMessage().startsWith("queue plan: '" + bad + "' is not an interface name"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> plan.withInterfaces(List.of("eth0", "eth0")));
    }

    @Test
    void ownMarkNeedsItsBitsUnderItsMask() {
        assertEquals("0x1/0xff", new PacketMark(1, 0xff).iptablesText());
        assertEquals("0xfffffffe", PacketMark.of(0xfffffffe).iptablesText());
        assertEquals("own mark: value 0x100 has bits outside mask 0xff",
                assertThrows(IllegalArgumentException.class, () -> new PacketMark(0x100, 0xff)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PacketMark(0, 0));
        QueuePlan plan = QueuePlan.standard(2, 1, FailMode.CLOSED).withOwnMark(new PacketMark(1, 0xff));
        assertEquals(Optional.of(new PacketMark(1, 0xff)), plan.ownMark());
        assertTrue(plan.toString().contains("own mark 0x1/0xff passes"), plan.toString());
    }

    @Test
    void failModeParsesTheCommandLineWords() {
        assertEquals(FailMode.OPEN, FailMode.parse("open"));
        assertEquals(FailMode.CLOSED, FailMode.parse(" Closed "));
        assertEquals("--fail: expected open or closed, not 'shut'",
                assertThrows(IllegalArgumentException.class, () -> FailMode.parse("shut")).getMessage());
        assertTrue(FailMode.OPEN.bypass());
        assertFalse(FailMode.CLOSED.bypass());
    }
}
