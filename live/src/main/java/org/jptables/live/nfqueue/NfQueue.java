package org.jptables.live.nfqueue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import org.jptables.live.netlink.Libc;
import org.jptables.live.netlink.MessageWriter;
import org.jptables.live.netlink.NetlinkException;
import org.jptables.live.netlink.NetlinkSocket;

/**
 * One nfnetlink queue bound by this process: packets that a rule sends there ({@code -j NFQUEUE
 * --queue-num N}) are read with {@link #receive} and answered with {@link #verdict} or
 * {@link #batchVerdict}. Spoken directly over a NETLINK_NETFILTER socket: at most one read per
 * packet (one recvmmsg brings every packet already waiting, up to {@link
 * QueueOptions#receiveBatch()}) and one send per verdict or batch; nothing is allocated per packet.
 *
 * <p>Use from one thread at a time (the socket's errno state and the buffers are shared by the
 * calls), and close from that thread too: closing a netlink socket does not wake a thread blocked
 * in recv, so a reader that must stop on request sets {@link QueueOptions#receiveTimeoutMillis()}
 * and looks at its stop flag whenever {@link #receive} returns 0. The counters are plain fields:
 * another thread reading them for monitoring sees recent, not necessarily the latest, values.
 *
 * <p>Closing unbinds the queue. Packets the kernel still holds for it then get no verdict from
 * here: the kernel drops them when the queue goes (nfqnl_flush), and packets that reach the rule
 * afterwards are dropped too unless the rule says {@code --queue-bypass}. A caller that must not
 * lose packets answers every packet it has received before closing.
 */
public final class NfQueue implements AutoCloseable {
    public static final int NF_DROP = 0;
    public static final int NF_ACCEPT = 1;
    /** Queue again, to the queue in the upper 16 bits: see {@link #queueTo(int)}. */
    public static final int NF_QUEUE = 3;
    /** Run the hook again from its first rule (the packet may come back to this queue). */
    public static final int NF_REPEAT = 4;
    /** "Leave the mark as it is": marks are 32 bits unsigned, this is none of them. */
    public static final long NO_MARK = -1L;

    /** Room in a datagram's buffer for what comes with the payload (headers, devices, conntrack...). */
    private static final int METADATA_ROOM = 4096;
    /** A verdict: headers (16 + 4), verdict header (12), mark (8), payload (4 + 65531, padded). */
    private static final int SEND_BUFFER = 65536 + 256;
    /** NF_MAX_VERDICT: verdicts above NF_STOP the kernel refuses. */
    private static final int NF_STOP = 5;
    private static final int NF_STOLEN = 2;

    private final QueueOptions options;
    private final int queue;
    private final NetlinkSocket socket;
    private final int fd;
    /** The datagram buffers, freed by close(). */
    private final Arena slotArena;
    /**
     * What system calls take as arguments, freed with this object: a shared arena would cost two
     * atomic updates per argument and call, and a confined one would tie the queue to a thread.
     */
    private final Arena callArena;
    private final Libc.CallState sendErrno;
    private final MessageWriter out;
    private final DatagramBatch batch;
    private final PacketDecoder[] decoders;
    /** Datagrams the last read brought, and the one being walked. */
    private int datagrams;
    private int current;
    private int nextSequence = 1;
    private boolean closed;

    private long packetsReceived;
    private long verdictsSent;
    private long batchVerdictsSent;
    private long overruns;
    private long truncatedDatagrams;
    private long refusedVerdicts;
    private int lastRefusedId;
    private int lastRefusedErrno;

    private NfQueue(QueueOptions options, NetlinkSocket socket) {
        this.options = options;
        this.queue = options.queueNumber();
        this.socket = socket;
        this.fd = socket.fd();
        this.slotArena = Arena.ofShared();
        this.callArena = Arena.ofAuto();
        int capacity = options.receiveBatch();
        // the call states and the recvmmsg vector side by side (one page up to 48 datagrams): after
        // a system call has flushed the TLB (PTI), fewer pages touched is less time
        MemorySegment control = callArena.allocate(64 + DatagramBatch.controlBytes(capacity), 4096);
        this.sendErrno = new Libc.CallState(SegmentAllocator.slicingAllocator(control.asSlice(0, 64)));
        int slotBytes = (Math.min(options.copyRange(), QueueProtocol.MAX_COPY_RANGE) + METADATA_ROOM + 4095) & ~4095;
        this.batch = new DatagramBatch(fd, capacity, control.asSlice(64), slotArena, slotBytes);
        this.out = new MessageWriter(callArena.allocate(SEND_BUFFER, 4096));
        this.decoders = new PacketDecoder[capacity];
        for (int i = 0; i < capacity; i++) {
            decoders[i] = new PacketDecoder(batch.slot(i));
        }
    }

    /**
     * Binds queue {@code options.queueNumber()} to a new socket and configures it; every request
     * is acknowledged by the kernel before this returns, and a refusal fails with the kernel's
     * reason (for example "queue 0: bind: Operation not permitted (...)" when another socket holds
     * the queue).
     */
    public static NfQueue open(QueueOptions options) {
        NetlinkSocket socket = NetlinkSocket.open(NetlinkSocket.NETLINK_NETFILTER, 0);
        NfQueue q = null;
        try {
            q = new NfQueue(options, socket);
            q.configure();
            return q;
        } catch (RuntimeException | Error e) {
            if (q != null) {
                q.release();
            } else {
                socket.close();
            }
            throw e;
        }
    }

    private void configure() {
        // The buffer before binding, so that the first burst finds it; but one too small for the
        // four acknowledgements (an overrun test asks for the kernel's minimum) only after them.
        int buffer = options.receiveBufferBytes();
        boolean tiny = buffer > 0 && buffer < 16384;
        if (buffer > 0 && !tiny) {
            socket.receiveBuffer(buffer);
        }
        if (options.receiveTimeoutMillis() > 0) {
            socket.receiveTimeout(options.receiveTimeoutMillis());
        }
        // A refused verdict carrying a 64 KiB payload would come back whole inside the error;
        // NETLINK_CAP_ACK keeps only the header, which is all we read (the packet id).
        socket.option(Libc.SOL_NETLINK, Libc.NETLINK_CAP_ACK, 1, "NETLINK_CAP_ACK");
        // NETLINK_NO_ENOBUFS stays off on purpose. When this socket's buffer is full the kernel
        // drops the packet (or accepts it with fail-open) and flags the socket; the next recv
        // then fails once with ENOBUFS. Nothing is lost on our side (the packets are the kernel's
        // to handle), so we keep reading and count the event in overruns() for monitoring, which
        // is worth far more than the silence NETLINK_NO_ENOBUFS would buy.

        // No NFQNL_CFG_CMD_PF_UNBIND / PF_BIND first: since Linux 3.8 the kernel ignores both
        // (they answer 0 without effect), and 6.x is what live mode runs on.
        // The four requests go in one datagram; the kernel acknowledges each in turn. PARAMS
        // (copy mode) comes last: until then the queue copies nothing and takes no packet, so
        // packets can only be queued once every other setting holds.
        int first = nextSequence;
        out.reset();
        QueueRequests.command(out, queue, QueueProtocol.NFQNL_CFG_CMD_BIND, nextSequence++, true);
        QueueRequests.maxLength(out, queue, options.maxLength(), nextSequence++);
        QueueRequests.flags(out, queue, QueueOptions.flagMask(), options.flags(), nextSequence++);
        QueueRequests.copyPackets(out, queue, options.copyRange(), nextSequence++);
        socket.send(out.buffer(), out.length());
        awaitAcknowledgements(first, nextSequence - 1);
        if (tiny) {
            socket.receiveBuffer(buffer);
        }
    }

    /**
     * Reads the acknowledgements of requests {@code first..last}; the first refusal fails. The
     * kernel handles netlink requests within our send, so every answer is already queued on the
     * socket when this starts: reading never needs to wait, and running dry means one was lost.
     */
    private void awaitAcknowledgements(int first, int last) {
        QueuedPacket scratch = new QueuedPacket();
        int acknowledged = first - 1;
        while (acknowledged < last) {
            int r = next(scratch, false);
            if (r == PacketDecoder.END) {
                throw new IllegalStateException("queue " + queue + ": the kernel's answer to request "
                        + (acknowledged + 2 - first) + " of " + (last + 1 - first) + " never came");
            }
            if (r == PacketDecoder.PACKET) {
                if (acknowledged == last - 1) {
                    // Packets flow only once the last request (copy mode) has taken effect: its
                    // acknowledgement is behind them. Leave this packet to receive().
                    decoders[current].unread();
                    return;
                }
                throw new IllegalStateException("queue " + queue + ": a packet came before the queue was configured");
            }
            PacketDecoder d = decoders[current];
            int seq = d.replySequence();
            if (seq < first || seq > last) {
                continue;
            }
            if (d.replyErrno() != 0) {
                throw refusal(seq - first, d.replyErrno());
            }
            acknowledged = Math.max(acknowledged, seq);
        }
    }

    private NetlinkException refusal(int request, int errno) {
        String what = switch (request) {
            case 0 -> "bind";
            case 1 -> "queue length " + options.maxLength();
            case 2 -> "flags 0x" + Integer.toHexString(options.flags());
            default -> "copy range " + options.copyRange();
        };
        String prefix = "queue " + queue + ": " + what;
        if (request == 0 && errno == 1) {
            return new NetlinkException(prefix, errno, "another socket has bound this queue, or CAP_NET_ADMIN is missing");
        }
        if (request == 0 && errno == 95) {
            return new NetlinkException(prefix, errno, "this kernel has no nfnetlink_queue");
        }
        if (request == 2 && errno == 95) {
            return new NetlinkException(prefix, errno, "the kernel lacks NETFILTER_NETLINK_GLUE_CT, the conntrack glue of nfnetlink_queue");
        }
        return new NetlinkException(prefix, errno);
    }

    /**
     * Reads the next packet into {@code into}: 1 when it holds one, 0 when none is waiting
     * ({@code wait} false) or the receive timeout of the options passed. The messages of the
     * datagrams one read brought are handed out one per call before the socket is read again
     * (waiting, the read returns as soon as one packet is there). A full socket buffer
     * (ENOBUFS) is counted in {@link #overruns()} and reading goes on; a refused verdict is
     * counted in {@link #refusedVerdicts()}.
     */
    public int receive(QueuedPacket into, boolean wait) {
        checkOpen();
        while (true) {
            int r = next(into, wait);
            if (r == PacketDecoder.PACKET) {
                packetsReceived++;
                return 1;
            }
            if (r == PacketDecoder.END) {
                return 0; // nothing waiting, or the receive timeout passed
            }
            PacketDecoder d = decoders[current];
            if (d.replyErrno() != 0) {
                refusedVerdicts++;
                lastRefusedId = d.replySequence();
                lastRefusedErrno = d.replyErrno();
            }
            // else the acknowledgement of a configuration request: nothing to do
        }
    }

    /**
     * The next message that matters ({@link PacketDecoder#PACKET} or {@link PacketDecoder#REPLY},
     * then read from {@code decoders[current]}), reading the socket once the datagrams read so
     * far are used up; {@link PacketDecoder#END} when nothing is waiting.
     */
    private int next(QueuedPacket into, boolean wait) {
        while (true) {
            if (current < datagrams) {
                int r = decoders[current].advance(into);
                if (r != PacketDecoder.END) {
                    return r;
                }
                if (++current < datagrams) {
                    load(current);
                }
                continue;
            }
            int n;
            try {
                n = batch.receive(wait);
            } catch (NetlinkException e) {
                throw new NetlinkException("queue " + queue + ": receive", e.errno());
            }
            if (n == -Libc.ENOBUFS) {
                overruns++;
                continue;
            }
            if (n <= 0) {
                return PacketDecoder.END;
            }
            datagrams = n;
            current = 0;
            load(0);
        }
    }

    private void load(int i) {
        if (batch.truncated(i)) {
            truncatedDatagrams++; // cannot happen with slots of copy range plus metadata room
            decoders[i].load(0);
        } else {
            decoders[i].load(batch.length(i));
        }
    }

    /** The verdict for packet {@code packetId}, its mark and payload left as they are. */
    public void verdict(int packetId, int verdict) {
        verdict(packetId, verdict, NO_MARK, null, 0);
    }

    /**
     * The verdict for packet {@code packetId} ({@link #NF_ACCEPT}, {@link #NF_DROP},
     * {@link #NF_REPEAT}, {@link #queueTo(int)}); with {@code mark} (0..0xFFFFFFFF) the packet's
     * mark is set, {@link #NO_MARK} leaves it; with {@code payload} the packet is replaced by its
     * first {@code length} bytes (a whole IP packet: the caller fixes lengths and checksums), null
     * leaves it.
     */
    public void verdict(int packetId, int verdict, long mark, byte[] payload, int length) {
        checkOpen();
        checkVerdict(verdict, mark);
        if (payload != null && (length < 0 || length > payload.length || length > QueueProtocol.MAX_COPY_RANGE)) {
            throw new IllegalArgumentException("queue " + queue + ": packet " + Integer.toUnsignedString(packetId)
                    + ": payload length " + length + " must be 0.." + Math.min(payload.length, QueueProtocol.MAX_COPY_RANGE));
        }
        out.reset();
        QueueRequests.verdict(out, queue, packetId, verdict, mark, payload, length);
        send("verdict for packet", packetId);
        verdictsSent++;
    }

    /**
     * One verdict (and mark unless {@link #NO_MARK}) for every packet of this queue the kernel
     * holds with an id up to {@code upToId}, in one message. Ids are counted up in the order
     * packets were queued, so this answers all packets received so far up to that one. When no
     * packet is covered the kernel refuses (ENOENT, counted in {@link #refusedVerdicts()}).
     */
    public void batchVerdict(int upToId, int verdict, long mark) {
        checkOpen();
        checkVerdict(verdict, mark);
        out.reset();
        QueueRequests.batchVerdict(out, queue, upToId, verdict, mark);
        send("batch verdict up to packet", upToId);
        batchVerdictsSent++;
    }

    private void send(String what, int id) {
        while (Libc.send(sendErrno, fd, out.buffer(), out.length(), 0) < 0) {
            int e = sendErrno.errno();
            if (e != Libc.EINTR) {
                throw new NetlinkException("queue " + queue + ": " + what + " " + Integer.toUnsignedString(id), e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("queue " + queue + ": closed");
        }
    }

    private void checkVerdict(int verdict, long mark) {
        int code = verdict & 0xFF;
        if (code > NF_STOP || code == NF_STOLEN) {
            throw new IllegalArgumentException("queue " + queue + ": verdict " + verdict
                    + " is none of NF_DROP, NF_ACCEPT, NF_QUEUE, NF_REPEAT");
        }
        if (mark != NO_MARK && (mark < 0 || mark > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("queue " + queue + ": mark " + mark + " is not 0..0xffffffff nor NO_MARK");
        }
    }

    /** NF_QUEUE to queue {@code queueNumber} (NF_QUEUE_NR): the packet goes on to that queue. */
    public static int queueTo(int queueNumber) {
        if (queueNumber < 0 || queueNumber > 0xFFFF) {
            throw new IllegalArgumentException("queue number " + queueNumber + ": must be 0..65535");
        }
        return queueNumber << 16 | NF_QUEUE;
    }

    public QueueOptions options() {
        return options;
    }

    public int queueNumber() {
        return queue;
    }

    /** Packets handed out by {@link #receive}. */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** Single-packet verdicts sent. */
    public long verdictsSent() {
        return verdictsSent;
    }

    /** Batch verdicts sent. */
    public long batchVerdictsSent() {
        return batchVerdictsSent;
    }

    /**
     * Times the socket's buffer overflowed (recv said ENOBUFS): the kernel dropped packets, or
     * accepted them with fail-open, without showing them here. How many is the kernel's count
     * (queue_user_dropped in /proc/net/netfilter/nfnetlink_queue).
     */
    public long overruns() {
        return overruns;
    }

    /** Verdicts the kernel refused (an id no longer queued: ENOENT), seen by {@link #receive}. */
    public long refusedVerdicts() {
        return refusedVerdicts;
    }

    /** The packet id (or batch upper id) of the last refused verdict. */
    public int lastRefusedId() {
        return lastRefusedId;
    }

    /** The errno of the last refused verdict, 0 if none. */
    public int lastRefusedErrno() {
        return lastRefusedErrno;
    }

    /** Messages that were cut or inconsistent and so skipped (never from a sane kernel). */
    public long receiveErrors() {
        long malformed = truncatedDatagrams;
        for (PacketDecoder d : decoders) {
            malformed += d.malformed();
        }
        return malformed;
    }

    /**
     * Unbinds the queue and closes the socket. The unbind goes without acknowledgement: closing
     * the socket alone would make the kernel drop the queue as well, so there is nothing to wait
     * for. See the class comment for the packets still queued.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            out.reset();
            QueueRequests.command(out, queue, QueueProtocol.NFQNL_CFG_CMD_UNBIND, nextSequence++, false);
            send("unbind, request", nextSequence - 1);
        } finally {
            release();
        }
    }

    private void release() {
        closed = true;
        socket.close();
        slotArena.close();
    }
}
