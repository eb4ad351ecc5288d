package org.jptables.live.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** detect() picks a backend that really queues on this kernel. */
class KernelHooksDetectTest {
    @Test
    void theDetectedBackendQueuesAndItsSuccessorCleansUp() {
        try (HookTestbed bed = new HookTestbed()) {
            HookTestbed.assumeTool("nft");
            HookTestbed.assumeTool("iptables");
            boolean nftQueues = new NftHooks(bed.serverTools(), HookTestbed.assumeTool("nft")).unusable().isEmpty();
            KernelHooks hooks = KernelHooks.detect(bed.serverTools());
            assertEquals(nftQueues ? "nft" : "iptables", hooks.backend());

            hooks.install(QueuePlan.standard(0, 1, FailMode.CLOSED).withHooks(EnumSet.of(HookPoint.PREROUTING)));
            assertFalse(bed.clientReachesServer(), "fail closed with nobody listening");
            KernelHooks next = KernelHooks.detect(bed.serverTools());
            assertTrue(next.removeStale());
            assertTrue(bed.clientReachesServer());
        }
    }
}
