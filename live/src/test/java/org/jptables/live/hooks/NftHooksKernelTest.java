package org.jptables.live.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The nft backend on the real kernel, in namespaces of the test's own. Kernels built without
 * nf_tables' queue expression (CONFIG_NFT_QUEUE) refuse every queue rule; there the table's life
 * (install, replace, remove, stale removal, the host's tables untouched) is checked with a counter
 * in the queue rule's place, and a real install must fail whole, leaving the table as it was.
 */
class NftHooksKernelTest {
    private static final String HOST_TABLE = """
            table ip host {
            \tchain input {
            \t\ttype filter hook input priority filter; policy accept;
            \t\tip saddr 198.18.7.9 drop
            \t}
            }
            """;

    private static Path nft() {
        return HookTestbed.assumeTool("nft");
    }

    private static boolean kernelQueues(HookTestbed bed) {
        return new NftHooks(bed.serverTools(), nft()).unusable().isEmpty();
    }

    /** The backend with "counter" where the queue rule goes: the table's life without nft_queue. */
    private static NftHooks counting(HookTestbed bed) {
        return new NftHooks(bed.serverTools(), nft(), new NftRuleset(NftRuleset.DEFAULT_TABLE, plan -> "counter"));
    }

    private static void addHostTables(HookTestbed bed) {
        bed.onServer("nft", "add table ip host");
        bed.onServer("nft", "add chain ip host input { type filter hook input priority 0; policy accept; }");
        bed.onServer("nft", "add rule ip host input ip saddr 198.18.7.9 drop");
        HookTestbed.assumeTool("iptables-nft");
        bed.onServer("iptables-nft", "-t", "raw", "-A", "PREROUTING", "-p", "udp", "-j", "CT", "--notrack");
    }

    private static String ruleset(HookTestbed bed) {
        return bed.onServer("nft", "list", "ruleset");
    }

    @Test
    void theTableHasAChainPerHookAtItsPriorityAndGoesWithoutTheHosts() {
        try (HookTestbed bed = new HookTestbed()) {
            NftHooks hooks = counting(bed);
            addHostTables(bed);
            String host = ruleset(bed);
            assertTrue(host.contains(HOST_TABLE), host);

            hooks.install(QueuePlan.standard(0, 4, FailMode.OPEN).withOwnMark(PacketMark.of(0x4a50))
                    .withInterfaces(List.of("s0", "wg+")));
            assertEquals("""
                    table ip jptables_daemon {
                    \tchain prerouting {
                    \t\ttype filter hook prerouting priority raw; policy accept;
                    \t\tiifname "lo" accept
                    \t\tmeta mark 0x00004a50 accept
                    \t\tiifname "s0" counter packets 0 bytes 0
                    \t\tiifname "wg*" counter packets 0 bytes 0
                    \t}

                    \tchain output {
                    \t\ttype filter hook output priority raw; policy accept;
                    \t\tmeta mark 0x00004a50 accept
                    \t\toifname "s0" counter packets 0 bytes 0
                    \t\toifname "wg*" counter packets 0 bytes 0
                    \t}

                    \tchain postrouting {
                    \t\ttype filter hook postrouting priority srcnat; policy accept;
                    \t\toifname "lo" accept
                    \t\tmeta mark 0x00004a50 accept
                    \t\toifname "s0" counter packets 0 bytes 0
                    \t\toifname "wg*" counter packets 0 bytes 0
                    \t}
                    }
                    """, bed.onServer("nft", "list", "table", "ip", "jptables_daemon"));
            assertTrue(hooks.describe().startsWith("nft table ip jptables_daemon:\ntable ip jptables_daemon {"));
            assertTrue(ruleset(bed).contains(HOST_TABLE));

            QueuePlan input = QueuePlan.standard(2, 1, FailMode.CLOSED).withHooks(EnumSet.of(HookPoint.INPUT));
            hooks.install(input);
            assertEquals(Optional.of(input), hooks.installed());
            assertEquals("""
                    table ip jptables_daemon {
                    \tchain input {
                    \t\ttype filter hook input priority mangle; policy accept;
                    \t\tiifname "lo" accept
                    \t\tcounter packets 0 bytes 0
                    \t}
                    }
                    """, bed.onServer("nft", "list", "table", "ip", "jptables_daemon"));

            hooks.remove();
            assertEquals(host, ruleset(bed));
            assertEquals("nft: no table ip jptables_daemon (no queue rules of the daemon)", hooks.describe());
            hooks.remove(); // nothing to remove is no failure
            assertEquals(host, ruleset(bed));
        }
    }

    @Test
    void removeStaleTakesTheTableACrashedDaemonLeft() {
        try (HookTestbed bed = new HookTestbed()) {
            addHostTables(bed);
            String host = ruleset(bed);
            counting(bed).install(QueuePlan.standard(0, 1, FailMode.CLOSED)); // then "crashes": never removed
            NftHooks next = counting(bed);
            assertEquals(Optional.empty(), next.installed());
            assertTrue(next.removeStale());
            assertEquals(host, ruleset(bed));
            assertFalse(next.removeStale());
        }
    }

    @Test
    void whereTheKernelCannotQueueAnInstallFailsWholeOnOneLine() {
        try (HookTestbed bed = new HookTestbed()) {
            Assumptions.assumeFalse(kernelQueues(bed), "this kernel's nf_tables has the queue expression: skipped");
            assertTrue(new NftHooks(bed.serverTools(), nft()).unusable().orElseThrow()
                    .startsWith("nft cannot queue packets here: "));
            counting(bed).install(QueuePlan.standard(0, 1, FailMode.OPEN));
            String before = ruleset(bed);

            NftHooks real = new NftHooks(bed.serverTools(), nft());
            HookException e = assertThrows(HookException.class,
                    () -> real.install(QueuePlan.standard(0, 2, FailMode.CLOSED)));
            assertTrue(e.getMessage().startsWith("installing the daemon's queue rules (queue [PREROUTING, OUTPUT,"
                    + " POSTROUTING] to 0-1, fail closed, loopback judged at OUTPUT only) as table ip jptables_daemon: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Could not process rule: No such file or directory"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertEquals(before, ruleset(bed), "the earlier table stays as it was");
            assertEquals(Optional.empty(), real.installed());
        }
    }

    @Test
    void failClosedDropsWhileNoDaemonListensAndFailOpenLetsPass() {
        try (HookTestbed bed = new HookTestbed()) {
            Assumptions.assumeTrue(kernelQueues(bed), "this kernel's nf_tables lacks the queue expression"
                    + " (CONFIG_NFT_QUEUE): real queueing through nft skipped");
            NftHooks hooks = new NftHooks(bed.serverTools(), nft());
            assertTrue(bed.clientReachesServer(), "the testbed itself");
            QueuePlan closed = QueuePlan.standard(0, 4, FailMode.CLOSED).withHooks(EnumSet.of(HookPoint.PREROUTING));
            hooks.install(closed);
            assertFalse(bed.clientReachesServer(), "fail closed, nobody at queues 0-3: dropped");
            assertTrue(HookTestbed.ping(bed.server, "127.0.0.1"), "loopback judged at OUTPUT only");
            hooks.install(closed.withFail(FailMode.OPEN));
            assertTrue(hooks.describe().contains("bypass"), hooks.describe());
            assertTrue(bed.clientReachesServer(), "fail open, nobody at queues 0-3: bypassed");
            hooks.install(closed.withHooks(EnumSet.of(HookPoint.OUTPUT)).withOwnMark(PacketMark.of(0x4a50)));
            assertTrue(HookTestbed.ping(bed.server, HookTestbed.CLIENT_ADDRESS, "-m", String.valueOf(0x4a50)));
            assertFalse(HookTestbed.ping(bed.server, HookTestbed.CLIENT_ADDRESS));
            hooks.remove();
            assertTrue(bed.clientReachesServer());
        }
    }
}
