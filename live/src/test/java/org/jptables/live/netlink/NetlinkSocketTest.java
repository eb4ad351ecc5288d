package org.jptables.live.netlink;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** A route dump over a real NETLINK_ROUTE socket: open, send, receive, walk (no privilege needed). */
class NetlinkSocketTest {
    @Test
    void dumpsTheLinksOfThisNamespace() {
        try (Arena arena = Arena.ofConfined(); NetlinkSocket socket = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, 0)) {
            assertTrue(socket.portId() != 0);
            MemorySegment out = arena.allocate(256, 8);
            MessageWriter writer = new MessageWriter(out);
            // RTM_GETLINK (18), dump, struct ifinfomsg (16 bytes) of family AF_UNSPEC
            writer.begin(18, MessageWriter.NLM_F_REQUEST | MessageWriter.NLM_F_DUMP, 1).header(new byte[16]).end();
            socket.send(out, writer.length());
            MemorySegment in = arena.allocate(65536, 8);
            MessageReader reader = new MessageReader(in);
            int links = 0;
            boolean done = false;
            boolean sawLo = false;
            while (!done) {
                long n = socket.receive(in, true);
                reader.reset(n);
                while (reader.nextMessage()) {
                    if (reader.type() == MessageReader.NLMSG_DONE) {
                        done = true;
                    } else if (reader.type() == 16) { // RTM_NEWLINK
                        links++;
                        for (long a = reader.firstAttribute(16); a >= 0; a = reader.nextAttribute(a)) {
                            if (reader.attributeType(a) == 3 && "lo".equals(reader.string(reader.payload(a), reader.attributeLength(a)))) {
                                sawLo = true; // IFLA_IFNAME
                            }
                        }
                    }
                }
            }
            assertTrue(links >= 1);
            assertTrue(sawLo);
        }
    }
}
