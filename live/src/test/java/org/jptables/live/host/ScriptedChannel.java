package org.jptables.live.host;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jptables.live.netlink.Libc;

/**
 * A channel whose "kernel" is a script: each request sent gets the datagrams the script makes for
 * its type and sequence number; datagrams and losses may also be pushed, as notifications arrive.
 */
final class ScriptedChannel implements RtnetlinkChannel {
    private static final byte[] LOSS = new byte[0];
    private final LinkedBlockingQueue<byte[]> datagrams = new LinkedBlockingQueue<>();
    private final BiFunction<Integer, Integer, List<byte[]>> script;
    final List<int[]> requests = new ArrayList<>();
    private final int longestWaitMillis;
    private volatile int timeoutMillis;
    volatile boolean closed;

    /** {@code script} answers (type, sequence); a wait lasts at most {@code longestWaitMillis}. */
    ScriptedChannel(BiFunction<Integer, Integer, List<byte[]>> script, int longestWaitMillis) {
        this.script = script;
        this.longestWaitMillis = longestWaitMillis;
    }

    /** Datagrams that arrive together: all are waiting before the reader takes the first. */
    void push(byte[]... burst) {
        datagrams.addAll(List.of(burst));
    }

    /** The kernel could not deliver some notifications: the next receive gives -ENOBUFS. */
    void pushLoss() {
        datagrams.add(LOSS);
    }

    @Override
    public synchronized void send(MemorySegment buffer, long length) {
        int type = buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, 4) & 0xFFFF;
        int flags = buffer.get(ValueLayout.JAVA_SHORT_UNALIGNED, 6) & 0xFFFF;
        int seq = buffer.get(ValueLayout.JAVA_INT_UNALIGNED, 8);
        requests.add(new int[] {type, flags, seq});
        datagrams.addAll(script.apply(type, seq));
    }

    @Override
    public long receive(MemorySegment buffer) {
        try {
            byte[] d = datagrams.poll(Math.min(timeoutMillis == 0 ? Long.MAX_VALUE : timeoutMillis, longestWaitMillis),
                    TimeUnit.MILLISECONDS);
            if (d == null) {
                return -Libc.EAGAIN;
            }
            if (d == LOSS) {
                return -Libc.ENOBUFS;
            }
            MemorySegment.copy(d, 0, buffer, ValueLayout.JAVA_BYTE, 0, d.length);
            return d.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -Libc.EAGAIN;
        }
    }

    @Override
    public void receiveTimeout(int millis) {
        timeoutMillis = millis;
    }

    @Override
    public void close() {
        closed = true;
    }
}
