package org.jptables.live.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One netlink socket (AF_NETLINK, SOCK_RAW) of the given protocol: NETLINK_NETFILTER (12) for
 * nfnetlink_queue, NETLINK_ROUTE (0) for the host's interfaces, addresses and routes. Buffers are
 * the caller's native segments, so a packet is read and answered without copying through the heap.
 * Not thread-safe: one socket per thread, as its errno state is.
 */
public final class NetlinkSocket implements AutoCloseable {
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_NETFILTER = 12;

    private final Arena arena = Arena.ofShared();
    private final Libc.CallState errno = new Libc.CallState(arena);
    private final MemorySegment option = arena.allocate(ValueLayout.JAVA_INT);
    private final int fd;
    private final int portId;
    private boolean closed;

    private NetlinkSocket(int fd, int portId) {
        this.fd = fd;
        this.portId = portId;
    }

    /** Opens and binds a socket of {@code protocol}, joined to the multicast {@code groups} (a bit mask). */
    public static NetlinkSocket open(int protocol, int groups) {
        try (Arena local = Arena.ofConfined()) {
            Libc.CallState cs = new Libc.CallState(local);
            int fd = Libc.socket(cs, Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, protocol);
            if (fd < 0) {
                throw new NetlinkException("socket(AF_NETLINK, " + protocol + ")", cs.errno());
            }
            // struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups; }
            MemorySegment address = local.allocate(12, 4);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            address.set(ValueLayout.JAVA_INT, 8, groups);
            if (Libc.bind(cs, fd, address, 12) < 0) {
                int e = cs.errno();
                Libc.close(cs, fd);
                throw new NetlinkException("bind(AF_NETLINK, " + protocol + ")", e);
            }
            MemorySegment length = local.allocate(ValueLayout.JAVA_INT);
            length.set(ValueLayout.JAVA_INT, 0, 12);
            if (Libc.getsockname(cs, fd, address, length) < 0) {
                int e = cs.errno();
                Libc.close(cs, fd);
                throw new NetlinkException("getsockname(AF_NETLINK)", e);
            }
            return new NetlinkSocket(fd, address.get(ValueLayout.JAVA_INT, 4));
        }
    }

    /** The port id the kernel gave this socket (its nl_pid): replies are addressed to it. */
    public int portId() {
        return portId;
    }

    public int fd() {
        return fd;
    }

    /** Sets an integer socket option; {@code what} names it in the error. */
    public void option(int level, int name, int value, String what) {
        option.set(ValueLayout.JAVA_INT, 0, value);
        if (Libc.setsockopt(errno, fd, level, name, option, 4) < 0) {
            throw new NetlinkException("setsockopt(" + what + ")", errno.errno());
        }
    }

    /**
     * The receive buffer: SO_RCVBUFFORCE (root may pass net.core.rmem_max), else SO_RCVBUF, as a
     * consumer does to ride out bursts.
     */
    public void receiveBuffer(int bytes) {
        option.set(ValueLayout.JAVA_INT, 0, bytes);
        if (Libc.setsockopt(errno, fd, Libc.SOL_SOCKET, Libc.SO_RCVBUFFORCE, option, 4) < 0) {
            option(Libc.SOL_SOCKET, Libc.SO_RCVBUF, bytes, "SO_RCVBUF");
        }
    }

    /**
     * SO_RCVTIMEO: a waiting {@link #receive} gives up after {@code millis} (0 waits forever) and
     * returns {@code -EAGAIN}, so that a reader thread can look at a stop flag now and then
     * (closing a netlink socket does not wake a thread blocked in recv).
     */
    public void receiveTimeout(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("receive timeout " + millis + " ms: must be 0 or more");
        }
        try (Arena local = Arena.ofConfined()) {
            // struct timeval { time_t tv_sec; suseconds_t tv_usec; } (64-bit Linux)
            MemorySegment timeval = local.allocate(16, 8);
            timeval.set(ValueLayout.JAVA_LONG, 0, millis / 1000);
            timeval.set(ValueLayout.JAVA_LONG, 8, (millis % 1000) * 1000);
            if (Libc.setsockopt(errno, fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, timeval, 16) < 0) {
                throw new NetlinkException("setsockopt(SO_RCVTIMEO)", errno.errno());
            }
        }
    }

    /** Sends {@code length} bytes of {@code buffer} as one datagram to the kernel. */
    public void send(MemorySegment buffer, long length) {
        while (true) {
            long sent = Libc.send(errno, fd, buffer, length, 0);
            if (sent >= 0) {
                return;
            }
            int e = errno.errno();
            if (e != Libc.EINTR) {
                throw new NetlinkException("send(netlink)", e);
            }
        }
    }

    /**
     * Reads one datagram (one or more netlink messages) into {@code buffer}: its length, or
     * {@code -EAGAIN} when {@code wait} is false and nothing is there, or {@code -ENOBUFS} when the
     * kernel dropped messages because this socket's buffer was full (the caller decides what a loss
     * means; the socket stays usable).
     */
    public long receive(MemorySegment buffer, boolean wait) {
        while (true) {
            long read = Libc.recv(errno, fd, buffer, buffer.byteSize(), wait ? 0 : Libc.MSG_DONTWAIT);
            if (read >= 0) {
                return read;
            }
            int e = errno.errno();
            if (e == Libc.EAGAIN || e == Libc.ENOBUFS) {
                return -e;
            }
            if (e != Libc.EINTR) {
                throw new NetlinkException("recv(netlink)", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(errno, fd);
            arena.close();
        }
    }
}
