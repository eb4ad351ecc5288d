package org.jptables.live.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The iptables backend on the real kernel, with each flavour of iptables, in namespaces of the
 * test's own: the rules as iptables lists them back, the host's rules untouched, and packets
 * really dropped or passed as the fail mode says while no daemon listens.
 */
class IptablesHooksKernelTest {
    private static final String HOST_RAW = """
            -P PREROUTING ACCEPT
            -P OUTPUT ACCEPT
            -A PREROUTING -p udp -j CT --notrack
            """;

    private static IptablesHooks hooks(HookTestbed bed, String flavour) {
        Path iptables = HookTestbed.assumeTool(flavour);
        HookTestbed.assumeTool(flavour + "-restore");
        return new IptablesHooks(bed.serverTools(), iptables);
    }

    private static String list(HookTestbed bed, String flavour, String table) {
        return bed.onServer(flavour, "-w", "10", "-t", table, "-S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables-legacy", "iptables-nft"})
    void installsThePlanAfterTheHostsRulesAndRemovesExactlyIt(String flavour) {
        try (HookTestbed bed = new HookTestbed()) {
            IptablesHooks hooks = hooks(bed, flavour);
            bed.onServer(flavour, "-t", "raw", "-A", "PREROUTING", "-p", "udp", "-j", "CT", "--notrack");
            bed.onServer(flavour, "-t", "mangle", "-A", "POSTROUTING", "-o", "s0", "-j", "MARK", "--set-mark", "7");
            String hostMangle = list(bed, flavour, "mangle");
            assertEquals(HOST_RAW, list(bed, flavour, "raw"));

            hooks.install(QueuePlan.standard(0, 4, FailMode.OPEN).withOwnMark(new PacketMark(0x4a50, 0xffff)));
            assertEquals("""
                    -P PREROUTING ACCEPT
                    -P OUTPUT ACCEPT
                    -N JPTABLES-DAEMON-OUT
                    -N JPTABLES-DAEMON-PRE
                    -A PREROUTING -p udp -j CT --notrack
                    -A PREROUTING -m comment --comment jptables-daemon -j JPTABLES-DAEMON-PRE
                    -A OUTPUT -m comment --comment jptables-daemon -j JPTABLES-DAEMON-OUT
                    -A JPTABLES-DAEMON-OUT -m mark --mark 0x4a50/0xffff -j RETURN
                    -A JPTABLES-DAEMON-OUT -j NFQUEUE --queue-balance 0:3 --queue-bypass
                    -A JPTABLES-DAEMON-PRE -i lo -j RETURN
                    -A JPTABLES-DAEMON-PRE -m mark --mark 0x4a50/0xffff -j RETURN
                    -A JPTABLES-DAEMON-PRE -j NFQUEUE --queue-balance 0:3 --queue-bypass
                    """, sortedChains(list(bed, flavour, "raw")));
            String mangle = list(bed, flavour, "mangle");
            assertTrue(mangle.contains("-A POSTROUTING -o s0 -j MARK --set-xmark 0x7/0xffffffff\n"
                    + "-A POSTROUTING -m comment --comment jptables-daemon -j JPTABLES-DAEMON-POST\n"), mangle);
            assertTrue(mangle.contains("-A JPTABLES-DAEMON-POST -o lo -j RETURN\n"), mangle);
            assertEquals(Optional.of("-A JPTABLES-DAEMON-PRE -j NFQUEUE --queue-balance 0:3 --queue-bypass"),
                    hooks.describe().lines().filter(l -> l.contains("NFQUEUE") && l.contains("PRE")).findFirst());
            assertTrue(hooks.describe().startsWith(flavour + " -t raw:\n"), hooks.describe());

            hooks.remove();
            assertEquals(HOST_RAW, list(bed, flavour, "raw"));
            assertEquals(hostMangle, list(bed, flavour, "mangle"));
            assertEquals(Optional.empty(), hooks.installed());
            assertEquals(flavour + ": no chains JPTABLES-DAEMON-* (no queue rules of the daemon)", hooks.describe());
            hooks.remove(); // nothing left to remove is no failure
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables-legacy", "iptables-nft"})
    void failClosedDropsWhileNoDaemonListensAndFailOpenLetsPass(String flavour) {
        try (HookTestbed bed = new HookTestbed()) {
            IptablesHooks hooks = hooks(bed, flavour);
            assertTrue(bed.clientReachesServer(), "the testbed itself");
            QueuePlan closed = QueuePlan.standard(0, 1, FailMode.CLOSED).withHooks(EnumSet.of(HookPoint.PREROUTING));
            hooks.install(closed);
            assertFalse(bed.clientReachesServer(), "fail closed, nobody at queue 0: the echo request is dropped");
            hooks.install(closed.withFail(FailMode.OPEN));
            assertTrue(bed.clientReachesServer(), "fail open, nobody at queue 0: the queue is bypassed");
            hooks.install(closed.withHooks(EnumSet.of(HookPoint.OUTPUT)));
            assertFalse(bed.clientReachesServer(), "fail closed at OUTPUT: the echo reply is dropped");
            hooks.remove();
            assertTrue(bed.clientReachesServer());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables-legacy", "iptables-nft"})
    void ownMarkLoopbackAndOtherInterfacesPassUnqueued(String flavour) {
        try (HookTestbed bed = new HookTestbed()) {
            IptablesHooks hooks = hooks(bed, flavour);
            QueuePlan closed = QueuePlan.standard(3, 1, FailMode.CLOSED);

            hooks.install(closed.withHooks(EnumSet.of(HookPoint.OUTPUT)).withOwnMark(PacketMark.of(0x4a50)));
            assertTrue(HookTestbed.ping(bed.server, HookTestbed.CLIENT_ADDRESS, "-m", String.valueOf(0x4a50)),
                    "the daemon's own mark (ping takes it in decimal)");
            assertFalse(HookTestbed.ping(bed.server, HookTestbed.CLIENT_ADDRESS), "unmarked: queued, dropped");

            hooks.install(closed.withHooks(EnumSet.of(HookPoint.PREROUTING)));
            assertTrue(HookTestbed.ping(bed.server, "127.0.0.1"), "to itself over lo: judged at OUTPUT only");
            assertFalse(bed.clientReachesServer());
            hooks.install(closed.withHooks(EnumSet.of(HookPoint.PREROUTING)).withSkipLoopback(false));
            assertFalse(HookTestbed.ping(bed.server, "127.0.0.1"), "lo not skipped: queued, dropped");

            hooks.install(closed.withHooks(EnumSet.of(HookPoint.PREROUTING)).withInterfaces(List.of("c+", "eth9")));
            assertTrue(bed.clientReachesServer(), "s0 is not one of the plan's interfaces");
            hooks.install(closed.withHooks(EnumSet.of(HookPoint.PREROUTING)).withInterfaces(List.of("eth9", "s+")));
            assertFalse(bed.clientReachesServer(), "s0 matches s+");
            hooks.remove();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables-legacy", "iptables-nft"})
    void replacingDropsWhatTheNewPlanHasNot(String flavour) {
        try (HookTestbed bed = new HookTestbed()) {
            IptablesHooks hooks = hooks(bed, flavour);
            hooks.install(QueuePlan.standard(0, 1, FailMode.OPEN).withHooks(EnumSet.allOf(HookPoint.class)));
            assertTrue(list(bed, flavour, "mangle").contains("-N JPTABLES-DAEMON-FWD"));
            QueuePlan pre = QueuePlan.standard(9, 1, FailMode.OPEN).withHooks(EnumSet.of(HookPoint.PREROUTING));
            hooks.install(pre);
            assertEquals(Optional.of(pre), hooks.installed());
            assertFalse(list(bed, flavour, "mangle").contains("JPTABLES"), list(bed, flavour, "mangle"));
            assertEquals("""
                    -P PREROUTING ACCEPT
                    -P OUTPUT ACCEPT
                    -N JPTABLES-DAEMON-PRE
                    -A PREROUTING -m comment --comment jptables-daemon -j JPTABLES-DAEMON-PRE
                    -A JPTABLES-DAEMON-PRE -i lo -j RETURN
                    -A JPTABLES-DAEMON-PRE -j NFQUEUE --queue-num 9 --queue-bypass
                    """, list(bed, flavour, "raw"));
            hooks.remove();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables-legacy", "iptables-nft"})
    void removeStaleTakesWhatACrashedDaemonLeft(String flavour) {
        try (HookTestbed bed = new HookTestbed()) {
            bed.onServer(flavour, "-t", "raw", "-A", "PREROUTING", "-p", "udp", "-j", "CT", "--notrack");
            hooks(bed, flavour).install(QueuePlan.standard(0, 2, FailMode.CLOSED)); // then "crashes": never removed
            assertFalse(bed.clientReachesServer());

            IptablesHooks next = hooks(bed, flavour);
            assertEquals(Optional.empty(), next.installed());
            assertTrue(next.removeStale());
            assertEquals(HOST_RAW, list(bed, flavour, "raw"));
            assertFalse(list(bed, flavour, "mangle").contains("JPTABLES"));
            assertTrue(bed.clientReachesServer());
            assertFalse(next.removeStale(), "nothing stale any more");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables-legacy", "iptables-nft"})
    void aTableThatFailsPutsTheEarlierTablesBack(String flavour) {
        try (HookTestbed bed = new HookTestbed()) {
            IptablesHooks hooks = hooks(bed, flavour);
            hooks.install(QueuePlan.standard(0, 1, FailMode.OPEN).withHooks(EnumSet.allOf(HookPoint.class)));
            String raw = list(bed, flavour, "raw");
            // the host points a rule of its own at the daemon's FORWARD chain: that chain cannot go
            bed.onServer(flavour, "-t", "mangle", "-A", "FORWARD", "-s", "198.18.7.9", "-j", "JPTABLES-DAEMON-FWD");
            String mangle = list(bed, flavour, "mangle");

            QueuePlan pre = QueuePlan.standard(5, 1, FailMode.CLOSED).withHooks(EnumSet.of(HookPoint.PREROUTING));
            HookException e = assertThrows(HookException.class, () -> hooks.install(pre));
            assertTrue(e.getMessage().startsWith("installing the daemon's queue rules (queue [PREROUTING] to 5, fail closed,"
                    + " loopback judged at OUTPUT only): table mangle: "), e.getMessage());
            assertTrue(e.getMessage().endsWith(": -X JPTABLES-DAEMON-FWD] (table raw put back as it was)"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertEquals(raw, list(bed, flavour, "raw"), "raw went to the new plan, then back");
            assertEquals(mangle, list(bed, flavour, "mangle"));
            assertTrue(hooks.installed().orElseThrow().hooks().contains(HookPoint.FORWARD), "still the first plan");
        }
    }

    /** The -N lines sorted, as the two flavours list user chains in different orders. */
    private static String sortedChains(String listing) {
        List<String> lines = listing.lines().toList();
        List<String> news = lines.stream().filter(l -> l.startsWith("-N ")).sorted().toList();
        StringBuilder s = new StringBuilder();
        boolean placed = false;
        for (String line : lines) {
            if (line.startsWith("-N ")) {
                if (!placed) {
                    news.forEach(n -> s.append(n).append('\n'));
                    placed = true;
                }
            } else {
                s.append(line).append('\n');
            }
        }
        return s.toString();
    }
}
