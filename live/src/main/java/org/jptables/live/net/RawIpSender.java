package org.jptables.live.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jptables.live.netlink.Libc;

/**
 * Sends complete IPv4 packets, header included, into the network of this process's namespace:
 * {@code socket(AF_INET, SOCK_RAW, IPPROTO_RAW)}, which implies IP_HDRINCL. The kernel routes each
 * packet by its destination address and passes it through the OUTPUT and POSTROUTING hooks; as
 * raw(7) says, it always fills in the header checksum and the total length, and the source
 * address and id when they are 0. Everything else goes out as given. It does not fragment: a
 * packet longer than the route's MTU is refused (EMSGSIZE), the caller fragments it.
 *
 * <p>An optional SO_MARK marks every packet sent, so that the daemon's own kernel rules can let
 * the packets it sends itself pass untouched (for example {@code -m mark --mark M -j ACCEPT}
 * before its NFQUEUE rule). Buffers are native and made once: sending allocates nothing. Needs
 * CAP_NET_RAW (and CAP_NET_ADMIN for the mark). Not thread-safe.
 */
public final class RawIpSender implements AutoCloseable {
    public static final int IPPROTO_RAW = 255;
    /** No SO_MARK: packets leave with mark 0. */
    public static final long NO_MARK = -1L;
    private static final int MAX_PACKET = 65535;
    private static final int SOCKADDR_IN = 16;

    /**
     * The buffers sendto takes, freed with this object: a shared arena would cost two atomic
     * updates per buffer and call, a confined one would tie the sender to the thread that made it.
     */
    private final Arena arena = Arena.ofAuto();
    private final Libc.CallState errno = new Libc.CallState(arena);
    private final MemorySegment packet = arena.allocate(MAX_PACKET, 8);
    private final MemorySegment destination = arena.allocate(SOCKADDR_IN, 8);
    private final int fd;
    private final long mark;
    private long sent;
    private boolean closed;

    private RawIpSender(int fd, long mark) {
        this.fd = fd;
        this.mark = mark;
        // struct sockaddr_in { sa_family_t sin_family; in_port_t sin_port; struct in_addr sin_addr; char zero[8]; }
        destination.set(ValueLayout.JAVA_SHORT, 0, (short) Libc.AF_INET);
    }

    /** A sender whose packets carry no mark. */
    public static RawIpSender open() {
        return open(NO_MARK);
    }

    /** A sender whose packets all carry {@code mark} (0..0xFFFFFFFF), or none with {@link #NO_MARK}. */
    public static RawIpSender open(long mark) {
        if (mark != NO_MARK && (mark < 0 || mark > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("raw socket: mark " + mark + " is not 0..0xffffffff nor NO_MARK");
        }
        try (Arena local = Arena.ofConfined()) {
            Libc.CallState cs = new Libc.CallState(local);
            int fd = Libc.socket(cs, Libc.AF_INET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, IPPROTO_RAW);
            if (fd < 0) {
                throw new RawSendException("socket(AF_INET, SOCK_RAW, IPPROTO_RAW)", cs.errno());
            }
            if (mark != NO_MARK) {
                MemorySegment value = local.allocate(ValueLayout.JAVA_INT);
                value.set(ValueLayout.JAVA_INT, 0, (int) mark);
                if (Libc.setsockopt(cs, fd, Libc.SOL_SOCKET, Libc.SO_MARK, value, 4) < 0) {
                    int e = cs.errno();
                    Libc.close(cs, fd);
                    throw new RawSendException("raw socket: setsockopt(SO_MARK, 0x" + Long.toHexString(mark) + ")", e);
                }
            }
            return new RawIpSender(fd, mark);
        }
    }

    /**
     * Sends the IPv4 packet in the first {@code length} bytes of {@code ip} to the destination its
     * header names. Fails with the kernel's reason (no route, refused by an OUTPUT rule: EPERM...).
     */
    public void send(byte[] ip, int length) {
        if (closed) {
            throw new IllegalStateException("raw socket: closed");
        }
        if (length < 20 || length > ip.length || length > MAX_PACKET) {
            throw new IllegalArgumentException("raw send: an IPv4 packet of " + length + " bytes (of " + ip.length
                    + " given) must hold a 20-byte header and at most " + MAX_PACKET + " bytes");
        }
        if ((ip[0] & 0xF0) != 0x40 || (ip[0] & 0x0F) < 5 || (ip[0] & 0x0F) * 4 > length) {
            throw new IllegalArgumentException("raw send: first byte 0x" + Integer.toHexString(ip[0] & 0xFF)
                    + " is not IPv4 with a header of 5.." + length / 4 + " words");
        }
        MemorySegment.copy(ip, 0, packet, ValueLayout.JAVA_BYTE, 0, length);
        // sin_addr in network order: the header's destination bytes as they are
        MemorySegment.copy(ip, 16, destination, ValueLayout.JAVA_BYTE, 4, 4);
        while (true) {
            long n = Libc.sendto(errno, fd, packet, length, 0, destination, SOCKADDR_IN);
            if (n >= 0) {
                sent++;
                return;
            }
            int e = errno.errno();
            if (e != Libc.EINTR) {
                throw new RawSendException("raw send of " + length + " bytes to " + (ip[16] & 0xFF) + "." + (ip[17] & 0xFF)
                        + "." + (ip[18] & 0xFF) + "." + (ip[19] & 0xFF), e);
            }
        }
    }

    /** The mark every packet carries, or {@link #NO_MARK}. */
    public long mark() {
        return mark;
    }

    /** Packets sent so far. */
    public long sent() {
        return sent;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Libc.close(errno, fd);
        }
    }
}
