package org.jptables.live.nfqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.jptables.live.netlink.MessageWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bytes of every request against the layouts of nfnetlink_queue.h, written out by hand:
 * nlmsghdr in host order (little-endian here), nfgenmsg and attribute payloads in network order.
 */
class QueueRequestsTest {
    private Arena arena;
    private MessageWriter writer;

    @BeforeEach
    void setUp() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "expected bytes are written for a little-endian host");
        arena = Arena.ofConfined();
        MemorySegment buffer = arena.allocate(70000, 8);
        buffer.fill((byte) 0x5A); // stale bytes that must not show through padding
        writer = new MessageWriter(buffer);
    }

    @AfterEach
    void tearDown() {
        if (arena != null) {
            arena.close();
        }
    }

    private String written() {
        byte[] bytes = new byte[(int) writer.length()];
        MemorySegment.copy(writer.buffer(), ValueLayout.JAVA_BYTE, 0, bytes, 0, bytes.length);
        return HexFormat.of().formatHex(bytes);
    }

    private static String hex(String spaced) {
        return spaced.replace(" ", "").replace("|", "");
    }

    @Test
    void verdictWithMarkAndPayload() {
        QueueRequests.verdict(writer, 7, 0x01020304, NfQueue.NF_ACCEPT, 0x2A, new byte[] {1, 2, 3, 4, 5, 6}, 5);
        assertEquals(hex("34000000 0103 0100 04030201 00000000" // nlmsghdr: 52 bytes, (3 << 8) | 1, REQUEST, seq = id
                + "| 00 00 0007" //                                   nfgenmsg: AF_UNSPEC, v0, queue 7
                + "| 0c00 0200 00000001 01020304" //                   NFQA_VERDICT_HDR: verdict, id
                + "| 0800 0300 0000002a" //                            NFQA_MARK
                + "| 0900 0a00 0102030405 000000"), written()); //     NFQA_PAYLOAD, 5 bytes + zero padding
    }

    @Test
    void plainVerdictHasOnlyTheHeader() {
        QueueRequests.verdict(writer, 0x1234, 9, NfQueue.NF_DROP, NfQueue.NO_MARK, null, 0);
        assertEquals(hex("20000000 0103 0100 09000000 00000000 | 00 00 1234 | 0c00 0200 00000000 00000009"), written());
    }

    @Test
    void queueToAnotherQueueKeepsTheNumberInTheUpperBits() {
        QueueRequests.verdict(writer, 1, 2, NfQueue.queueTo(5), NfQueue.NO_MARK, null, 0);
        assertEquals(hex("20000000 0103 0100 02000000 00000000 | 00 00 0001 | 0c00 0200 00050003 00000002"), written());
    }

    @Test
    void markOfAllBitsTravelsUnsigned() {
        QueueRequests.verdict(writer, 1, 2, NfQueue.NF_ACCEPT, 0xFFFF_FFFFL, null, 0);
        assertEquals(hex("28000000 0103 0100 02000000 00000000 | 00 00 0001 | 0c00 0200 00000001 00000002"
                + "| 0800 0300 ffffffff"), written());
    }

    @Test
    void batchVerdict() {
        QueueRequests.batchVerdict(writer, 7, 100, NfQueue.NF_ACCEPT, 0x10);
        assertEquals(hex("28000000 0303 0100 64000000 00000000 | 00 00 0007 | 0c00 0200 00000001 00000064"
                + "| 0800 0300 00000010"), written());
    }

    @Test
    void configurationRequestsAskForAcknowledgement() {
        QueueRequests.command(writer, 7, QueueProtocol.NFQNL_CFG_CMD_BIND, 1, true);
        QueueRequests.maxLength(writer, 7, 65536, 2);
        QueueRequests.flags(writer, 7, QueueOptions.flagMask(), QueueProtocol.NFQA_CFG_F_FAIL_OPEN, 3);
        QueueRequests.copyPackets(writer, 7, 0xFFFF, 4);
        assertEquals(hex(
                "1c000000 0203 0500 01000000 00000000 | 00 00 0007 | 0800 0100 01 00 0000" // NFQA_CFG_CMD: BIND, pf 0
                + "1c000000 0203 0500 02000000 00000000 | 00 00 0007 | 0800 0300 00010000" // NFQA_CFG_QUEUE_MAXLEN
                + "24000000 0203 0500 03000000 00000000 | 00 00 0007 | 0800 0400 0000000f" // NFQA_CFG_MASK
                + "| 0800 0500 00000001" //                                                 NFQA_CFG_FLAGS
                + "20000000 0203 0500 04000000 00000000 | 00 00 0007 | 0900 0200 0000ffff 02 000000"), // PARAMS
                written());
    }

    @Test
    void unbindWithoutAcknowledgement() {
        QueueRequests.command(writer, 3, QueueProtocol.NFQNL_CFG_CMD_UNBIND, 9, false);
        assertEquals(hex("1c000000 0203 0100 09000000 00000000 | 00 00 0003 | 0800 0100 02 00 0000"), written());
    }
}
