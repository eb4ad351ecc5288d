package org.jptables.live.host;

import static org.jptables.live.host.Rtnetlink.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jptables.live.netlink.Libc;
import org.jptables.live.netlink.MessageReader;
import org.jptables.live.netlink.MessageWriter;
import org.jptables.live.netlink.NetlinkException;
import org.jptables.live.netlink.NetlinkSocket;

/**
 * Reads the host over rtnetlink, one request after the other on one NETLINK_ROUTE socket: the
 * links (RTM_GETLINK), IPv4 addresses (RTM_GETADDR), routes (RTM_GETROUTE), neighbours
 * (RTM_GETNEIGH), each a dump of several parts up to NLMSG_DONE, then net.ipv4.ip_forward
 * (RTM_GETNETCONF of the "all" devconf: asked of the socket's own namespace, whatever thread asks).
 * Answers to another sequence number are an earlier request's and are passed over; a dump the
 * kernel marks inconsistent (NLM_F_DUMP_INTR: the tables changed under it) is read again from the
 * start; a refusal (NLMSG_ERROR) throws with the kernel's reason. One thread at a time.
 */
public final class RouteDump implements HostReader {
    /** A dump's datagram is at most 32 KiB (netlink_dump's allocation); twice that never truncates. */
    static final int RECEIVE_BUFFER = 64 * 1024;
    static final int ANSWER_TIMEOUT_MS = 5000;
    static final int ATTEMPTS = 5;

    private static final byte[] IFINFO = new byte[IFINFOMSG];
    private static final byte[] IFADDR = header(IFADDRMSG);
    private static final byte[] RT = header(RTMSG);
    private static final byte[] ND = header(NDMSG);
    private static final byte[] NETCONF = header(NETCONFMSG);

    private final RtnetlinkChannel channel;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment out = arena.allocate(256, 8);
    private final MemorySegment in = arena.allocate(RECEIVE_BUFFER, 8);
    private final MessageWriter writer = new MessageWriter(out);
    private final MessageReader reader = new MessageReader(in);
    private int sequence;

    RouteDump(RtnetlinkChannel channel) {
        this.channel = channel;
        channel.receiveTimeout(ANSWER_TIMEOUT_MS);
    }

    /** A socket of its own in the calling thread's network namespace, asking for extended acknowledgements. */
    public static RouteDump open() {
        NetlinkSocket socket = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, 0);
        try {
            socket.option(Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, 1, "NETLINK_EXT_ACK");
            return new RouteDump(RtnetlinkChannel.of(socket));
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads the host of the calling thread's network namespace once. */
    public static HostSnapshot readOnce() {
        try (RouteDump dump = open()) {
            return dump.read();
        }
    }

    private static byte[] header(int size) {
        byte[] h = new byte[size];
        h[0] = (byte) Libc.AF_INET;
        return h;
    }

    @Override
    public HostSnapshot read() {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            HostAssembler host = new HostAssembler();
            boolean consistent = ask(RTM_GETLINK, IFINFO, true, host)
                    && ask(RTM_GETADDR, IFADDR, true, host)
                    && ask(RTM_GETROUTE, RT, true, host)
                    && ask(RTM_GETNEIGH, ND, true, host)
                    && ask(RTM_GETNETCONF, NETCONF, false, host);
            if (consistent) {
                if (!host.knowsForwarding()) {
                    throw new IllegalStateException("rtnetlink: RTM_GETNETCONF answered without NETCONFA_FORWARDING"
                            + " of the \"all\" devconf (net.ipv4.ip_forward)");
                }
                return host.build();
            }
        }
        throw new IllegalStateException("rtnetlink: the host changed under each of " + ATTEMPTS
                + " readings in a row (NLM_F_DUMP_INTR): no consistent reading");
    }

    /**
     * Sends one request and hands its answers to {@code host}: up to NLMSG_DONE for a dump, the one
     * answer otherwise. False when the answers cannot be trusted to be one state of the tables.
     */
    private boolean ask(int type, byte[] familyHeader, boolean dump, HostAssembler host) {
        int seq = ++sequence;
        writer.reset().begin(type, MessageWriter.NLM_F_REQUEST | (dump ? MessageWriter.NLM_F_DUMP : 0), seq)
                .header(familyHeader);
        if (type == RTM_GETNETCONF) {
            writer.attrInt(NETCONFA_IFINDEX, NETCONFA_IFINDEX_ALL);
        }
        channel.send(out, writer.end().length());
        String what = Rtnetlink.name(type) + (dump ? " dump" : " request");
        boolean consistent = true;
        while (true) {
            long length = channel.receive(in);
            if (length == -Libc.EAGAIN) {
                throw new IllegalStateException("rtnetlink: no answer to the " + what + " within "
                        + ANSWER_TIMEOUT_MS + " ms");
            }
            if (length == -Libc.ENOBUFS) {
                consistent = false; // answers were dropped: read on to the end, then start over
                continue;
            }
            reader.reset(length);
            while (reader.nextMessage()) {
                if (reader.sequence() != seq) {
                    continue;
                }
                if ((reader.flags() & NLM_F_DUMP_INTR) != 0) {
                    consistent = false;
                }
                switch (reader.type()) {
                    case MessageReader.NLMSG_ERROR -> {
                        if (reader.error() != 0) {
                            throw refusal(what, -reader.error(), 4 + echoedLength());
                        }
                        return consistent;
                    }
                    case MessageReader.NLMSG_DONE -> {
                        int error = reader.messageLength() >= 20 ? reader.error() : 0;
                        if (error < 0) {
                            throw refusal(what, -error, 4);
                        }
                        return consistent;
                    }
                    case MessageReader.NLMSG_NOOP -> {
                    }
                    case MessageReader.NLMSG_OVERRUN -> consistent = false;
                    default -> {
                        host.accept(reader);
                        if (!dump) {
                            return consistent;
                        }
                    }
                }
            }
        }
    }

    /** How much of the failed request NLMSG_ERROR echoes after its errno: the header, or all of it. */
    private int echoedLength() {
        return (reader.flags() & NLM_F_CAPPED) != 0 ? 16 : reader.u32(reader.messageOffset() + 20);
    }

    /** The kernel's refusal, with its extended acknowledgement's text when it gave one. */
    private NetlinkException refusal(String what, int errno, int headerLength) {
        String message = null;
        if ((reader.flags() & NLM_F_ACK_TLVS) != 0) {
            for (long a = reader.firstAttribute(headerLength); a >= 0; a = reader.nextAttribute(a)) {
                if (reader.attributeType(a) == NLMSGERR_ATTR_MSG) {
                    message = reader.string(reader.payload(a), reader.attributeLength(a));
                }
            }
        }
        return new NetlinkException("rtnetlink: the " + what + " was refused", errno, message == null || message.isEmpty() ? null : "kernel: " + message);
    }

    @Override
    public void close() {
        channel.close();
        arena.close();
    }
}
