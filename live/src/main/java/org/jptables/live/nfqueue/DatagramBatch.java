package org.jptables.live.nfqueue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jptables.live.netlink.Libc;
import org.jptables.live.netlink.NetlinkException;

/**
 * Reads up to {@code capacity} datagrams from a socket with one recvmmsg(2), each into a buffer
 * ("slot") of its own. The kernel sends every queued packet as a datagram of its own, so under
 * load one system call brings many packets, where recv brings one: with PTI on a machine without
 * PCID every system call costs a TLB flush, and reading is half of them. Waiting uses
 * MSG_WAITFORONE: the call returns as soon as one datagram is there, with whatever else is already
 * waiting, so a lone packet is not held back.
 */
final class DatagramBatch {
    // struct iovec { void *iov_base; size_t iov_len; }
    private static final int IOVEC = 16;
    // struct mmsghdr { struct msghdr msg_hdr (56 bytes); unsigned int msg_len; } padded to 64;
    // in msghdr: msg_iov at 16, msg_iovlen at 24, msg_flags at 48
    private static final int MMSGHDR = 64;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_FLAGS = 48;
    private static final int MSG_LEN = 56;

    private final int fd;
    private final int capacity;
    private final Libc.CallState errno;
    private final MemorySegment vector;
    private final MemorySegment[] slots;

    /**
     * @param control where the call state and the mmsghdr array go: {@link #controlBytes} bytes
     *     of memory that recvmmsg takes as an argument (best from an arena without per-call
     *     locking, as Arena.ofAuto)
     * @param slotArena where the {@code capacity} slots of {@code slotBytes} bytes each come from
     */
    DatagramBatch(int fd, int capacity, MemorySegment control, Arena slotArena, int slotBytes) {
        this.fd = fd;
        this.capacity = capacity;
        this.errno = new Libc.CallState(java.lang.foreign.SegmentAllocator.slicingAllocator(control.asSlice(0, 64)));
        this.vector = control.asSlice(64, (long) capacity * MMSGHDR);
        MemorySegment iovecs = control.asSlice(64 + (long) capacity * MMSGHDR, (long) capacity * IOVEC);
        this.slots = new MemorySegment[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = slotArena.allocate(slotBytes, 8);
            iovecs.set(ValueLayout.ADDRESS, (long) i * IOVEC, slots[i]);
            iovecs.set(ValueLayout.JAVA_LONG, (long) i * IOVEC + 8, slotBytes);
            vector.set(ValueLayout.ADDRESS, (long) i * MMSGHDR + MSG_IOV, iovecs.asSlice((long) i * IOVEC, IOVEC));
            vector.set(ValueLayout.JAVA_LONG, (long) i * MMSGHDR + MSG_IOVLEN, 1);
        }
    }

    /** Bytes of control memory the constructor needs for {@code capacity} slots. */
    static long controlBytes(int capacity) {
        return 64 + (long) capacity * (MMSGHDR + IOVEC);
    }

    int capacity() {
        return capacity;
    }

    /**
     * Reads what is waiting, up to {@link #capacity()} datagrams: their number, or
     * {@code -EAGAIN} when nothing came ({@code wait} false, or the socket's receive timeout
     * passed), or {@code -ENOBUFS} when the kernel had to drop messages for this socket.
     */
    int receive(boolean wait) {
        while (true) {
            int n = Libc.recvmmsg(errno, fd, vector, capacity, wait ? Libc.MSG_WAITFORONE : Libc.MSG_DONTWAIT);
            if (n >= 0) {
                return n;
            }
            int e = errno.errno();
            if (e == Libc.EAGAIN || e == Libc.ENOBUFS) {
                return -e;
            }
            if (e != Libc.EINTR) {
                throw new NetlinkException("recvmmsg(netlink)", e);
            }
        }
    }

    MemorySegment slot(int i) {
        return slots[i];
    }

    /** Bytes datagram {@code i} of the last {@link #receive} filled in its slot. */
    long length(int i) {
        return vector.get(ValueLayout.JAVA_INT, (long) i * MMSGHDR + MSG_LEN) & 0xFFFF_FFFFL;
    }

    /** Whether datagram {@code i} was longer than its slot (MSG_TRUNC): its end is missing. */
    boolean truncated(int i) {
        return (vector.get(ValueLayout.JAVA_INT, (long) i * MMSGHDR + MSG_FLAGS) & Libc.MSG_TRUNC) != 0;
    }
}
