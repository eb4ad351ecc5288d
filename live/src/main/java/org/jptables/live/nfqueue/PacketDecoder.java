package org.jptables.live.nfqueue;

import java.lang.foreign.MemorySegment;
import org.jptables.live.netlink.MessageReader;

/**
 * Walks the messages of one datagram read from a queue's socket, message by message: a packet
 * (NFQNL_MSG_PACKET) fills a {@link QueuedPacket}, an NLMSG_ERROR is a reply to one of our requests
 * (an acknowledgement, or the kernel refusing a verdict). The position in the datagram is kept
 * between calls, so that a datagram carrying several messages yields them one after the other.
 * Attributes are read by type, in any order; unknown ones are skipped. Allocates nothing.
 */
final class PacketDecoder {
    /** The datagram holds no further message. */
    static final int END = 0;
    /** A packet message filled the caller's {@link QueuedPacket}. */
    static final int PACKET = 1;
    /** An NLMSG_ERROR: see {@link #replyErrno()} and {@link #replySequence()}. */
    static final int REPLY = 2;

    private final MessageReader reader;
    private int replyErrno;
    private int replySequence;
    private long malformed;

    PacketDecoder(MemorySegment buffer) {
        this.reader = new MessageReader(buffer);
    }

    /** Starts on a fresh datagram of {@code length} bytes at the buffer's beginning. */
    void load(long length) {
        reader.reset(length);
    }

    /** Hands the message last returned out again on the next {@link #advance}. */
    void unread() {
        reader.unread();
    }

    /** 0 for an acknowledgement, else the errno the kernel refused the request with. */
    int replyErrno() {
        return replyErrno;
    }

    /** The sequence number of the request the last reply answers. */
    int replySequence() {
        return replySequence;
    }

    /** Messages skipped because they were cut or inconsistent (never seen from a sane kernel). */
    long malformed() {
        return malformed;
    }

    /** Moves to the next message that matters: {@link #PACKET}, {@link #REPLY} or {@link #END}. */
    int advance(QueuedPacket into) {
        while (true) {
            boolean more;
            try {
                more = reader.nextMessage();
            } catch (IllegalStateException cut) {
                // a length that overruns the datagram: nothing after it can be trusted
                malformed++;
                reader.reset(0);
                return END;
            }
            if (!more) {
                return END;
            }
            int type = reader.type();
            if (type == QueueProtocol.TYPE_PACKET) {
                if (fill(into)) {
                    return PACKET;
                }
                malformed++;
            } else if (type == MessageReader.NLMSG_ERROR) {
                if (reader.messageLength() < 20) {
                    malformed++;
                    continue;
                }
                replyErrno = -reader.error();
                replySequence = reader.sequence();
                return REPLY;
            }
            // NLMSG_NOOP, NLMSG_DONE, NLMSG_OVERRUN and other types carry nothing for a queue
        }
    }

    /** Reads the current packet message into {@code p}; false when it cannot be verdicted. */
    private boolean fill(QueuedPacket p) {
        long message = reader.messageOffset();
        long end = message + reader.messageLength();
        if (reader.messageLength() < 16 + QueueProtocol.NFGENMSG_LENGTH) {
            return false;
        }
        p.clear();
        p.family = reader.u8(message + 16);
        p.queueNumber = reader.u16be(message + 18);
        boolean hasHeader = false;
        for (long a = reader.firstAttribute(QueueProtocol.NFGENMSG_LENGTH); a >= 0; a = reader.nextAttribute(a)) {
            int length = reader.attributeLength(a);
            long at = reader.payload(a);
            if (length < 0 || at + length > end) {
                return false;
            }
            switch (reader.attributeType(a)) {
                case QueueProtocol.NFQA_PACKET_HDR -> {
                    // struct nfqnl_msg_packet_hdr (packed): be32 packet_id, be16 hw_protocol, u8 hook
                    if (length >= 7) {
                        p.packetId = reader.u32be(at);
                        p.hwProtocol = reader.u16be(at + 4);
                        p.hook = reader.u8(at + 6);
                        hasHeader = true;
                    }
                }
                case QueueProtocol.NFQA_MARK -> {
                    if (length >= 4) {
                        p.mark = reader.u32be(at);
                        p.hasMark = true;
                    }
                }
                case QueueProtocol.NFQA_TIMESTAMP -> {
                    // struct nfqnl_msg_packet_timestamp: be64 sec, be64 usec
                    if (length >= 16) {
                        p.timestampSeconds = reader.u64be(at);
                        p.timestampMicros = reader.u64be(at + 8);
                        p.hasTimestamp = true;
                    }
                }
                case QueueProtocol.NFQA_IFINDEX_INDEV -> p.inDevice = length >= 4 ? reader.u32be(at) : 0;
                case QueueProtocol.NFQA_IFINDEX_OUTDEV -> p.outDevice = length >= 4 ? reader.u32be(at) : 0;
                case QueueProtocol.NFQA_IFINDEX_PHYSINDEV -> p.physInDevice = length >= 4 ? reader.u32be(at) : 0;
                case QueueProtocol.NFQA_IFINDEX_PHYSOUTDEV -> p.physOutDevice = length >= 4 ? reader.u32be(at) : 0;
                case QueueProtocol.NFQA_HWADDR -> {
                    // struct nfqnl_msg_packet_hw: be16 hw_addrlen, u16 pad, u8 hw_addr[8]
                    if (length >= 12) {
                        int n = Math.min(reader.u16be(at), 8);
                        long address = 0;
                        for (int i = 0; i < n; i++) {
                            address = address << 8 | reader.u8(at + 4 + i);
                        }
                        p.hardwareAddress = address;
                        p.hardwareAddressLength = n;
                    }
                }
                case QueueProtocol.NFQA_PAYLOAD -> {
                    int n = Math.min(length, QueuedPacket.PAYLOAD_CAPACITY);
                    reader.copy(at, p.payload, 0, n);
                    p.payloadLength = n;
                }
                case QueueProtocol.NFQA_CT_INFO -> {
                    if (length >= 4) {
                        p.conntrackInfo = reader.u32be(at);
                        p.hasConntrackInfo = true;
                    }
                }
                case QueueProtocol.NFQA_CAP_LEN -> {
                    if (length >= 4) {
                        p.capturedLength = reader.u32be(at);
                        p.truncated = true;
                    }
                }
                case QueueProtocol.NFQA_SKB_INFO -> p.skbInfo = length >= 4 ? reader.u32be(at) : 0;
                case QueueProtocol.NFQA_UID -> {
                    if (length >= 4) {
                        p.uid = reader.u32be(at);
                        p.hasUid = true;
                    }
                }
                case QueueProtocol.NFQA_GID -> {
                    if (length >= 4) {
                        p.gid = reader.u32be(at);
                        p.hasGid = true;
                    }
                }
                case QueueProtocol.NFQA_PRIORITY -> p.priority = length >= 4 ? reader.u32be(at) : 0;
                case QueueProtocol.NFQA_VLAN -> readVlan(p, a);
                default -> {
                    // NFQA_CT and NFQA_EXP (ctnetlink nests), NFQA_SECCTX, NFQA_L2HDR, and types
                    // of kernels newer than this code: not needed to decide, skipped
                }
            }
        }
        return hasHeader;
    }

    private void readVlan(QueuedPacket p, long nest) {
        for (long v = reader.firstNested(nest); v >= 0; v = reader.nextNested(nest, v)) {
            int length = reader.attributeLength(v);
            if (length < 0) {
                return; // a zero nla_len would never move on
            }
            if (length < 2) {
                continue;
            }
            int type = reader.attributeType(v);
            if (type == QueueProtocol.NFQA_VLAN_TCI) {
                p.vlanTci = reader.u16be(reader.payload(v));
                p.hasVlan = true;
            } else if (type == QueueProtocol.NFQA_VLAN_PROTO) {
                p.vlanProtocol = reader.u16be(reader.payload(v));
            }
        }
    }
}
