package org.jptables.live.hooks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jptables.live.netlink.MessageReader;
import org.jptables.live.netlink.MessageWriter;
import org.jptables.live.netlink.NetlinkSocket;
import org.jptables.live.testing.TestNamespaces;

/**
 * A minimal nfnetlink_queue program for tests: binds queues in a namespace, takes one packet at a
 * time and accepts it, telling which queue and hook it came from. Just enough to show that the
 * hooks' rules deliver packets where the plan says; the daemon's own reader is elsewhere.
 */
final class QueueListener implements AutoCloseable {
    private static final int NFNL_SUBSYS_QUEUE = 3;
    private static final int MSG_PACKET = NFNL_SUBSYS_QUEUE << 8;
    private static final int MSG_VERDICT = (NFNL_SUBSYS_QUEUE << 8) | 1;
    private static final int MSG_CONFIG = (NFNL_SUBSYS_QUEUE << 8) | 2;
    private static final int NFQA_CFG_CMD = 1;
    private static final int NFQA_CFG_PARAMS = 2;
    private static final int NFQA_PACKET_HDR = 1;
    private static final int NFQA_VERDICT_HDR = 2;
    private static final int CMD_BIND = 1;
    private static final int COPY_PACKET = 2;
    private static final int NF_ACCEPT = 1;

    /** The queue a packet came through and the netfilter hook (0 PREROUTING ... 4 POSTROUTING). */
    record Delivery(int queue, int hook) {
    }

    private final Arena arena = Arena.ofShared();
    private final MemorySegment out = arena.allocate(256, 8);
    private final MemorySegment in = arena.allocate(65536, 8);
    private final NetlinkSocket socket;
    private int sequence;

    /** Binds {@code first .. first + count - 1} in {@code namespace}. */
    QueueListener(String namespace, int first, int count) {
        socket = openIn(namespace);
        for (int queue = first; queue < first + count; queue++) {
            MessageWriter w = new MessageWriter(out).reset();
            w.begin(MSG_CONFIG, MessageWriter.NLM_F_REQUEST | MessageWriter.NLM_F_ACK, ++sequence).nfgen(0, queue)
                    .attrBytes(NFQA_CFG_CMD, new byte[] {CMD_BIND, 0, 0, 0}, 0, 4)
                    .attrBytes(NFQA_CFG_PARAMS, new byte[] {0, 0, 0, (byte) 128, COPY_PACKET}, 0, 5).end();
            socket.send(out, w.length());
            awaitAck(queue);
        }
    }

    /** The socket must be made inside the namespace: by a thread that entered it, used by any. */
    private static NetlinkSocket openIn(String namespace) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                TestNamespaces.enter(namespace);
                return NetlinkSocket.open(NetlinkSocket.NETLINK_NETFILTER, 0);
            }, runnable -> Thread.ofPlatform().start(runnable)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("opening a queue socket in " + namespace, e);
        }
    }

    private void awaitAck(int queue) {
        MessageReader r = new MessageReader(in);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            long n = socket.receive(in, false);
            if (n > 0) {
                r.reset(n);
                while (r.nextMessage()) {
                    if (r.type() == MessageReader.NLMSG_ERROR) {
                        if (r.error() != 0) {
                            throw new IllegalStateException("binding queue " + queue + ": errno " + -r.error());
                        }
                        return;
                    }
                }
            } else {
                pause();
            }
        }
        throw new IllegalStateException("binding queue " + queue + ": no answer");
    }

    /** The next packet within {@code millis}, accepted; null when none came. */
    Delivery acceptNext(long millis) {
        MessageReader r = new MessageReader(in);
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            long n = socket.receive(in, false);
            if (n <= 0) {
                pause();
                continue;
            }
            r.reset(n);
            while (r.nextMessage()) {
                if (r.type() != MSG_PACKET) {
                    continue;
                }
                int queue = r.u16be(r.messageOffset() + 18);
                for (long a = r.firstAttribute(4); a >= 0; a = r.nextAttribute(a)) {
                    if (r.attributeType(a) == NFQA_PACKET_HDR) {
                        int id = r.u32be(r.payload(a));
                        int hook = r.u8(r.payload(a) + 6);
                        accept(queue, id);
                        return new Delivery(queue, hook);
                    }
                }
            }
        }
        return null;
    }

    private void accept(int queue, int id) {
        byte[] verdict = {0, 0, 0, NF_ACCEPT, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id};
        MessageWriter w = new MessageWriter(out).reset();
        w.begin(MSG_VERDICT, MessageWriter.NLM_F_REQUEST, ++sequence).nfgen(0, queue)
                .attrBytes(NFQA_VERDICT_HDR, verdict, 0, 8).end();
        socket.send(out, w.length());
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        socket.close();
        arena.close();
    }
}
