package org.jptables.live.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Packets reach the queues the plan names, at the hook it names, through the backend detect()
 * picks on this kernel, and pass once a program accepts them.
 */
class QueueDeliveryKernelTest {
    @Test
    void oneQueueGetsEveryPacketOfItsHook() {
        try (HookTestbed bed = new HookTestbed()) {
            HookTestbed.assumeTool("iptables");
            KernelHooks hooks = KernelHooks.detect(bed.serverTools());
            hooks.install(QueuePlan.standard(3, 1, FailMode.CLOSED).withHooks(EnumSet.of(HookPoint.PREROUTING)));
            try (QueueListener listener = new QueueListener(bed.server, 3, 1)) {
                CompletableFuture<Boolean> ping = CompletableFuture.supplyAsync(bed::clientReachesServer);
                QueueListener.Delivery delivery = listener.acceptNext(2000);
                assertEquals(new QueueListener.Delivery(3, 0), delivery, "queue 3 at NF_INET_PRE_ROUTING");
                assertTrue(ping.join(), "accepted by the listener: answered");
            } finally {
                hooks.remove();
            }
        }
    }

    @Test
    void aRangeKeepsAFlowInOneQueueOfIt() {
        try (HookTestbed bed = new HookTestbed()) {
            HookTestbed.assumeTool("iptables");
            KernelHooks hooks = KernelHooks.detect(bed.serverTools());
            hooks.install(QueuePlan.standard(4, 4, FailMode.CLOSED).withHooks(EnumSet.of(HookPoint.POSTROUTING)));
            try (QueueListener listener = new QueueListener(bed.server, 4, 4)) {
                Integer first = null;
                for (int i = 0; i < 3; i++) {
                    CompletableFuture<Boolean> ping = CompletableFuture.supplyAsync(bed::clientReachesServer);
                    QueueListener.Delivery reply = listener.acceptNext(2000);
                    assertNotNull(reply, "the echo reply leaves through POSTROUTING");
                    assertEquals(4, reply.hook(), "NF_INET_POST_ROUTING");
                    assertTrue(reply.queue() >= 4 && reply.queue() <= 7, "queue " + reply.queue());
                    first = first == null ? reply.queue() : first;
                    assertEquals(first, reply.queue(), "same addresses and protocol: same queue");
                    assertTrue(ping.join());
                }
            } finally {
                hooks.remove();
            }
        }
    }
}
