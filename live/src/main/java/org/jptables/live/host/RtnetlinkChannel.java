package org.jptables.live.host;

import java.lang.foreign.MemorySegment;
import org.jptables.live.netlink.NetlinkSocket;

/**
 * Where rtnetlink requests go and answers or notifications come from: a NETLINK_ROUTE socket, or a
 * test's script of datagrams (so that multi-part dumps, errors and lost notifications are tried
 * without a kernel).
 */
interface RtnetlinkChannel extends AutoCloseable {
    /** Sends one datagram of {@code length} bytes. */
    void send(MemorySegment buffer, long length);

    /** One datagram: its length, {@code -EAGAIN} after the receive timeout, {@code -ENOBUFS} after a loss. */
    long receive(MemorySegment buffer);

    /** How long {@link #receive} waits before {@code -EAGAIN}. */
    void receiveTimeout(int millis);

    @Override
    void close();

    static RtnetlinkChannel of(NetlinkSocket socket) {
        return new RtnetlinkChannel() {
            @Override
            public void send(MemorySegment buffer, long length) {
                socket.send(buffer, length);
            }

            @Override
            public long receive(MemorySegment buffer) {
                return socket.receive(buffer, true);
            }

            @Override
            public void receiveTimeout(int millis) {
                socket.receiveTimeout(millis);
            }

            @Override
            public void close() {
                socket.close();
            }
        };
    }
}
