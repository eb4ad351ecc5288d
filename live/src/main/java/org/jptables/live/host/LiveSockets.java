package org.jptables.live.host;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jptables.api.Sockets;
import org.jptables.kernel.packet.SocketTable;
import org.jptables.live.netlink.MessageReader;
import org.jptables.live.netlink.MessageWriter;
import org.jptables.live.netlink.NetlinkException;
import org.jptables.live.netlink.NetlinkSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live host's sockets, asked of the kernel when a rule looks one up ({@code -m socket}):
 * one sock_diag exact lookup (SOCK_DIAG_BY_FAMILY without NLM_F_DUMP) per question, which the
 * kernel answers with the socket its own lookup finds, inet_lookup for TCP (established and
 * TIME_WAIT first, then listeners), __udp4_lib_lookup for UDP: the lookups xt_socket makes. A
 * snapshot of the host's sockets would be stale within milliseconds; a question costs a netlink
 * round trip (a few microseconds) and only packets that reach a socket rule pay it.
 *
 * <p>What a found socket is comes with the answer: its state (LISTEN, TIME_WAIT, a connected or
 * unconnected UDP socket), its bound address, its mark (INET_DIAG_MARK, given to CAP_NET_ADMIN)
 * and IP_TRANSPARENT (INET_DIAG_SOCKOPT). Handles are slots of a small ring, valid until that
 * many later lookups; the rule reads them at once. Not thread-safe: the engine decides one packet
 * at a time. A lookup the kernel cannot answer finds no socket (counted, logged at most once a
 * minute).
 */
public final class LiveSockets implements SocketTable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveSockets.class);
    static final int NETLINK_SOCK_DIAG = 4;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    private static final int AF_INET = 2;
    private static final int INET_DIAG_MARK = 15;
    private static final int INET_DIAG_SOCKOPT = 22;
    /** struct inet_diag_sockopt's first byte: recverr, is_icsk, freebind, hdrincl, mc_loop, transparent... */
    private static final int SOCKOPT_TRANSPARENT = 1 << 5;
    private static final int TCP_ESTABLISHED = 1;
    private static final int TCP_TIME_WAIT = 6;
    private static final int TCP_LISTEN = 10;
    private static final int ENOENT = 2;
    private static final int SLOTS = 16;

    private final NetlinkSocket socket;
    private final MessageWriter out;
    private final MessageReader in;
    /** struct inet_diag_req_v2, rewritten for every question. */
    private final byte[] request = new byte[56];
    private final int[] flags = new int[SLOTS];
    private final int[] marks = new int[SLOTS];
    private int next;
    private int sequence;
    private long failures;
    private long lastWarning = Long.MIN_VALUE;
    /** The bound address of the last answer (the socket's own side of its id). */
    private int boundAddress;

    private LiveSockets(NetlinkSocket socket) {
        this.socket = socket;
        Arena arena = Arena.ofAuto();
        this.out = new MessageWriter(arena.allocate(256, 8));
        this.in = new MessageReader(arena.allocate(8192, 8));
    }

    /** A sock_diag socket in the caller's network namespace. */
    public static LiveSockets open() {
        NetlinkSocket s = NetlinkSocket.open(NETLINK_SOCK_DIAG, 0);
        try {
            s.receiveTimeout(200); // a lost answer costs one packet's lookup, never the queue
            return new LiveSockets(s);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public int find(int protocol, int source, int sourcePort, int destination, int destinationPort, int kind) {
        if (protocol != 6 && protocol != 17) {
            return Sockets.NONE;
        }
        int slot = next;
        int state;
        int bound;
        if (protocol == 6) {
            // inet_diag_find_one_icsk: inet_lookup(saddr = idiag_dst, daddr = idiag_src): the
            // socket's side is "src"; a listener question gives no peer, which no established
            // socket has
            boolean listener = kind == Sockets.LOOKUP_LISTENER;
            state = ask(6, destination, destinationPort, listener ? 0 : source, listener ? 0 : sourcePort, slot);
            if (state < 0 || kind == Sockets.LOOKUP_ESTABLISHED && state == TCP_LISTEN
                    || listener && state != TCP_LISTEN) {
                return Sockets.NONE;
            }
            bound = boundAddress;
        } else {
            // udp_dump_one swaps them "for historical reasons": __udp4_lib_lookup(saddr = idiag_src)
            state = ask(17, source, sourcePort, destination, destinationPort, slot);
            if (state < 0) {
                return Sockets.NONE;
            }
            bound = boundAddress;
            boolean connected = state == TCP_ESTABLISHED;
            // nf_tproxy_get_sock_v4: an established lookup wants a connected socket bound to an
            // address, a listener lookup an unconnected one
            if (kind == Sockets.LOOKUP_ESTABLISHED && (!connected || bound == 0)
                    || kind == Sockets.LOOKUP_LISTENER && connected) {
                return Sockets.NONE;
            }
        }
        flags[slot] |= (bound == 0 ? Sockets.BOUND_ANY : 0) | (state == TCP_TIME_WAIT ? Sockets.TIME_WAIT : 0);
        next = (slot + 1) % SLOTS;
        return slot;
    }

    /**
     * One exact lookup; the found socket's state, or -1 when there is none. Fills the slot's
     * transparent flag and mark, and {@link #boundAddress}.
     */
    private int ask(int protocol, int srcAddress, int srcPort, int dstAddress, int dstPort, int slot) {
        java.util.Arrays.fill(request, (byte) 0);
        request[0] = AF_INET;
        request[1] = (byte) protocol;
        request[4] = (byte) 0xFF; // idiag_states: every state (ignored by an exact lookup)
        request[5] = (byte) 0xFF;
        request[6] = (byte) 0xFF;
        request[7] = (byte) 0xFF;
        putBe16(request, 8, srcPort);
        putBe16(request, 10, dstPort);
        putBe32(request, 12, srcAddress);
        putBe32(request, 28, dstAddress);
        for (int i = 48; i < 56; i++) {
            request[i] = (byte) 0xFF; // INET_DIAG_NOCOOKIE
        }
        int seq = ++sequence;
        flags[slot] = 0;
        marks[slot] = 0;
        try {
            out.reset().begin(SOCK_DIAG_BY_FAMILY, MessageWriter.NLM_F_REQUEST, seq).header(request).end();
            socket.send(out.buffer(), out.length());
            while (true) {
                long n = socket.receive(in.buffer(), true);
                if (n < 0) {
                    return failed("no answer from sock_diag (" + (n == -11 ? "timed out" : "errno " + -n) + ")");
                }
                in.reset(n);
                while (in.nextMessage()) {
                    if (in.sequence() != seq) {
                        continue; // the late answer to an earlier question that timed out
                    }
                    if (in.type() == MessageReader.NLMSG_ERROR) {
                        int error = -in.error();
                        return error == ENOENT || error == 0 ? -1 : failed("sock_diag refused a lookup: errno " + error);
                    }
                    if (in.type() == SOCK_DIAG_BY_FAMILY) {
                        return read(slot);
                    }
                }
            }
        } catch (NetlinkException e) {
            return failed(e.getMessage());
        }
    }

    /** struct inet_diag_msg and its attributes. */
    private int read(int slot) {
        long msg = in.messageOffset() + 16;
        int state = in.u8(msg + 1);
        boundAddress = in.u32be(msg + 4 + 4);
        for (long a = in.firstAttribute(72); a >= 0; a = in.nextAttribute(a)) {
            int type = in.attributeType(a);
            if (type == INET_DIAG_MARK && in.attributeLength(a) >= 4) {
                marks[slot] = in.u32(in.payload(a));
            } else if (type == INET_DIAG_SOCKOPT && in.attributeLength(a) >= 1
                    && (in.u8(in.payload(a)) & SOCKOPT_TRANSPARENT) != 0) {
                flags[slot] |= Sockets.TRANSPARENT;
            }
        }
        return state;
    }

    private int failed(String why) {
        failures++;
        long now = System.nanoTime();
        if (lastWarning == Long.MIN_VALUE || now - lastWarning > 60_000_000_000L) {
            lastWarning = now;
            LOG.warn("socket lookup: {}; the packet finds no socket ({} such lookups so far)", why, failures);
        }
        return -1;
    }

    /** Lookups the kernel could not answer. */
    public long failures() {
        return failures;
    }

    @Override
    public int flags(int socket) {
        return socket < 0 || socket >= SLOTS ? 0 : flags[socket];
    }

    @Override
    public int mark(int socket) {
        return socket < 0 || socket >= SLOTS ? 0 : marks[socket];
    }

    private static void putBe16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void putBe32(byte[] b, int at, int v) {
        putBe16(b, at, v >>> 16);
        putBe16(b, at + 2, v);
    }

    @Override
    public void close() {
        socket.close();
    }
}
