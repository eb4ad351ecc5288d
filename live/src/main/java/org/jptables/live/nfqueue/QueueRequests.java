package org.jptables.live.nfqueue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.jptables.live.netlink.MessageWriter;

/**
 * Writes the messages a queue's owner sends: configuration (NFQNL_MSG_CONFIG) and verdicts
 * (NFQNL_MSG_VERDICT, NFQNL_MSG_VERDICT_BATCH), each after an nfgenmsg of family AF_UNSPEC whose
 * resource id is the queue number, as nfnetlink_queue.c reads them. Each call appends one message
 * to the writer, so several can go in one datagram. Allocates nothing.
 */
final class QueueRequests {
    /** nfgenmsg family for queue requests: the queue, not a protocol family, is addressed. */
    private static final int AF_UNSPEC = 0;
    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int CONFIG_FLAGS = MessageWriter.NLM_F_REQUEST | MessageWriter.NLM_F_ACK;

    private QueueRequests() {
    }

    /**
     * NFQA_CFG_CMD: struct nfqnl_msg_config_cmd { u8 command; u8 pad; be16 pf; }; with {@code ack}
     * the kernel answers even on success.
     */
    static void command(MessageWriter w, int queue, int command, int seq, boolean ack) {
        w.begin(QueueProtocol.TYPE_CONFIG, ack ? CONFIG_FLAGS : MessageWriter.NLM_F_REQUEST, seq).nfgen(AF_UNSPEC, queue);
        long at = w.attrHeader(QueueProtocol.NFQA_CFG_CMD, 4).position();
        MemorySegment b = w.buffer();
        b.set(ValueLayout.JAVA_BYTE, at, (byte) command);
        b.set(ValueLayout.JAVA_BYTE, at + 1, (byte) 0);
        b.set(BE_SHORT, at + 2, (short) 0); // pf: only the obsolete PF_(UN)BIND commands read it
        w.skip(4).end();
    }

    /** NFQA_CFG_PARAMS: struct nfqnl_msg_config_params { be32 copy_range; u8 copy_mode; } packed. */
    static void copyPackets(MessageWriter w, int queue, int copyRange, int seq) {
        w.begin(QueueProtocol.TYPE_CONFIG, CONFIG_FLAGS, seq).nfgen(AF_UNSPEC, queue);
        long at = w.attrHeader(QueueProtocol.NFQA_CFG_PARAMS, 5).position();
        MemorySegment b = w.buffer();
        b.set(BE_INT, at, copyRange);
        b.set(ValueLayout.JAVA_BYTE, at + 4, (byte) QueueProtocol.NFQNL_COPY_PACKET);
        w.skip(5);
        zeroPadding(w, at + 5);
        w.end();
    }

    /** NFQA_CFG_QUEUE_MAXLEN: be32 packets. */
    static void maxLength(MessageWriter w, int queue, int packets, int seq) {
        w.begin(QueueProtocol.TYPE_CONFIG, CONFIG_FLAGS, seq).nfgen(AF_UNSPEC, queue)
                .attrBigEndianInt(QueueProtocol.NFQA_CFG_QUEUE_MAXLEN, packets)
                .end();
    }

    /** NFQA_CFG_MASK and NFQA_CFG_FLAGS: be32 each; the kernel refuses flags without a mask. */
    static void flags(MessageWriter w, int queue, int mask, int flags, int seq) {
        w.begin(QueueProtocol.TYPE_CONFIG, CONFIG_FLAGS, seq).nfgen(AF_UNSPEC, queue)
                .attrBigEndianInt(QueueProtocol.NFQA_CFG_MASK, mask)
                .attrBigEndianInt(QueueProtocol.NFQA_CFG_FLAGS, flags)
                .end();
    }

    /**
     * NFQNL_MSG_VERDICT for one packet: NFQA_VERDICT_HDR, then NFQA_MARK unless {@code mark} is
     * {@link NfQueue#NO_MARK}, then NFQA_PAYLOAD when {@code payload} is not null. No NLM_F_ACK: a
     * verdict costs one send and no read; a refusal still comes back as an NLMSG_ERROR whose
     * sequence number is the packet id (hence {@code seq = id}).
     */
    static void verdict(MessageWriter w, int queue, int id, int verdict, long mark, byte[] payload, int length) {
        w.begin(QueueProtocol.TYPE_VERDICT, MessageWriter.NLM_F_REQUEST, id).nfgen(AF_UNSPEC, queue);
        verdictHeader(w, verdict, id);
        if (mark != NfQueue.NO_MARK) {
            w.attrBigEndianInt(QueueProtocol.NFQA_MARK, (int) mark);
        }
        if (payload != null) {
            long at = w.position() + 4;
            w.attrBytes(QueueProtocol.NFQA_PAYLOAD, payload, 0, length);
            zeroPadding(w, at + length);
        }
        w.end();
    }

    /** NFQNL_MSG_VERDICT_BATCH: the verdict (and mark) for every queued packet up to id {@code upTo}. */
    static void batchVerdict(MessageWriter w, int queue, int upTo, int verdict, long mark) {
        w.begin(QueueProtocol.TYPE_VERDICT_BATCH, MessageWriter.NLM_F_REQUEST, upTo).nfgen(AF_UNSPEC, queue);
        verdictHeader(w, verdict, upTo);
        if (mark != NfQueue.NO_MARK) {
            w.attrBigEndianInt(QueueProtocol.NFQA_MARK, (int) mark);
        }
        w.end();
    }

    /** struct nfqnl_msg_verdict_hdr { be32 verdict; be32 id; }. */
    private static void verdictHeader(MessageWriter w, int verdict, int id) {
        long at = w.attrHeader(QueueProtocol.NFQA_VERDICT_HDR, 8).position();
        w.buffer().set(BE_INT, at, verdict);
        w.buffer().set(BE_INT, at + 4, id);
        w.skip(8);
    }

    /** Clears the alignment bytes between {@code from} and the writer's position. */
    private static void zeroPadding(MessageWriter w, long from) {
        for (long i = from; i < w.position(); i++) {
            w.buffer().set(ValueLayout.JAVA_BYTE, i, (byte) 0);
        }
    }
}
