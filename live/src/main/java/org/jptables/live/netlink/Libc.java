package org.jptables.live.netlink;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few C library calls live mode needs (socket, bind, setsockopt, send, recv, recvmmsg, close),
 * bound once through the Foreign Function and Memory API. Every call captures errno, so that a failure is
 * reported with the kernel's reason and a would-block read is told from an error.
 */
public final class Libc {
    public static final int AF_INET = 2;
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 02000000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_RCVBUF = 8;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SO_MARK = 36;
    public static final int SO_RCVTIMEO = 20;
    public static final int SOL_NETLINK = 270;
    public static final int NETLINK_NO_ENOBUFS = 5;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_WAITFORONE = 0x10000;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int ENOBUFS = 105;

    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup C = LINKER.defaultLookup();

    private static final MethodHandle SOCKET = bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = bind("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SETSOCKOPT =
            bind("setsockopt", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SEND = bind("send", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle SENDTO =
            bind("sendto", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RECV = bind("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle RECVMMSG =
            bind("recvmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Libc() {
    }

    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = C.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor, Linker.Option.captureCallState("errno"));
    }

    /** A per-thread place for errno: calls on different threads never share it. */
    public static final class CallState {
        final MemorySegment state;

        public CallState(Arena arena) {
            this.state = arena.allocate(CALL_STATE);
        }

        /**
         * A state placed by {@code allocator}: a hot path puts it next to its other buffers, so
         * that one memory page serves them all after a system call.
         */
        public CallState(SegmentAllocator allocator) {
            this.state = allocator.allocate(CALL_STATE);
        }

        /** errno as the last failed call on this state left it. */
        public int errno() {
            return (int) ERRNO.get(state, 0L);
        }
    }

    public static int socket(CallState cs, int domain, int type, int protocol) {
        try {
            return (int) SOCKET.invokeExact(cs.state, domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int bind(CallState cs, int fd, MemorySegment address, int length) {
        try {
            return (int) BIND.invokeExact(cs.state, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getsockname(CallState cs, int fd, MemorySegment address, MemorySegment length) {
        try {
            return (int) GETSOCKNAME.invokeExact(cs.state, fd, address, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setsockopt(CallState cs, int fd, int level, int name, MemorySegment value, int length) {
        try {
            return (int) SETSOCKOPT.invokeExact(cs.state, fd, level, name, value, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long send(CallState cs, int fd, MemorySegment buffer, long length, int flags) {
        try {
            return (long) SEND.invokeExact(cs.state, fd, buffer, length, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long sendto(CallState cs, int fd, MemorySegment buffer, long length, int flags, MemorySegment to, int toLength) {
        try {
            return (long) SENDTO.invokeExact(cs.state, fd, buffer, length, flags, to, toLength);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long recv(CallState cs, int fd, MemorySegment buffer, long length, int flags) {
        try {
            return (long) RECV.invokeExact(cs.state, fd, buffer, length, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * recvmmsg(2) without timeout: up to {@code count} datagrams into the struct mmsghdr array
     * {@code vector}; the number read, or -1 with errno.
     */
    public static int recvmmsg(CallState cs, int fd, MemorySegment vector, int count, int flags) {
        try {
            return (int) RECVMMSG.invokeExact(cs.state, fd, vector, count, flags, MemorySegment.NULL);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(CallState cs, int fd) {
        try {
            return (int) CLOSE.invokeExact(cs.state, fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The C library's text for an errno, as strerror gives it for the common ones. */
    public static String describe(int errno) {
        return switch (errno) {
            case 1 -> "Operation not permitted";
            case 2 -> "No such file or directory";
            case 3 -> "No such process";
            case 4 -> "Interrupted system call";
            case 9 -> "Bad file descriptor";
            case 11 -> "Resource temporarily unavailable";
            case 12 -> "Cannot allocate memory";
            case 13 -> "Permission denied";
            case 16 -> "Device or resource busy";
            case 17 -> "File exists";
            case 19 -> "No such device";
            case 22 -> "Invalid argument";
            case 90 -> "Message too long";
            case 71 -> "Protocol error";
            case 93 -> "Protocol not supported";
            case 95 -> "Operation not supported";
            case 97 -> "Address family not supported by protocol";
            case 101 -> "Network is unreachable";
            case 105 -> "No buffer space available";
            case 111 -> "Connection refused";
            case 113 -> "No route to host";
            default -> "errno " + errno;
        };
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

}
