package org.jptables.live.nfqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.jptables.live.netlink.Libc;
import org.jptables.live.netlink.MessageReader;
import org.jptables.live.netlink.MessageWriter;
import org.jptables.live.netlink.NetlinkSocket;
import org.junit.jupiter.api.Test;

/**
 * recvmmsg through the hand-laid struct mmsghdr array, on a NETLINK_ROUTE socket (no privilege
 * needed): a dump of this namespace's links arrives as datagrams whose lengths and MSG_TRUNC
 * flags must be read from the right offsets.
 */
class DatagramBatchTest {
    private static void requestLinkDump(NetlinkSocket socket, Arena arena) {
        MemorySegment out = arena.allocate(64, 8);
        MessageWriter writer = new MessageWriter(out);
        // RTM_GETLINK (18), dump, struct ifinfomsg (16 bytes) of family AF_UNSPEC
        writer.begin(18, MessageWriter.NLM_F_REQUEST | MessageWriter.NLM_F_DUMP, 1).header(new byte[16]).end();
        socket.send(out, writer.length());
    }

    @Test
    void readsSeveralDatagramsAndTheirLengths() {
        try (Arena arena = Arena.ofConfined(); NetlinkSocket socket = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, 0)) {
            DatagramBatch batch = new DatagramBatch(socket.fd(), 8, arena.allocate(DatagramBatch.controlBytes(8), 8), arena, 32768);
            requestLinkDump(socket, arena);
            boolean done = false;
            int links = 0;
            int reads = 0;
            while (!done) {
                int n = batch.receive(true);
                assertTrue(n >= 1 && n <= 8, "datagrams read: " + n);
                reads++;
                for (int i = 0; i < n; i++) {
                    assertFalse(batch.truncated(i));
                    long length = batch.length(i);
                    assertTrue(length >= 16 && length <= 32768, "datagram " + i + " of " + length + " bytes");
                    MessageReader reader = new MessageReader(batch.slot(i)).reset(length);
                    while (reader.nextMessage()) {
                        if (reader.type() == MessageReader.NLMSG_DONE) {
                            done = true;
                        } else if (reader.type() == 16) { // RTM_NEWLINK
                            links++;
                        }
                    }
                }
            }
            assertTrue(links >= 1, "lo at least");
            assertTrue(reads >= 1);
            assertEquals(-Libc.EAGAIN, batch.receive(false), "nothing more waiting");
        }
    }

    @Test
    void aDatagramLongerThanItsSlotIsFlaggedTruncated() {
        try (Arena arena = Arena.ofConfined(); NetlinkSocket socket = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, 0)) {
            DatagramBatch batch = new DatagramBatch(socket.fd(), 4, arena.allocate(DatagramBatch.controlBytes(4), 8), arena, 64);
            requestLinkDump(socket, arena);
            assertTrue(batch.receive(true) >= 1);
            assertTrue(batch.truncated(0), "a link message is longer than 64 bytes");
            assertEquals(64, batch.length(0));
        }
    }
}
