package org.jptables.kernel.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.Ipv4Builder;
import org.junit.jupiter.api.Test;

/** What the host answers to packets it sends itself, as recorded in conformance/cases/loopback-host. */
class LocalStackTest {
    private final LocalStack stack = new LocalStack(Set.of("tcp:22", "udp:53"));

    private static Ipv4Builder local() {
        return new Ipv4Builder().source("127.0.0.1").destination("127.0.0.1");
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    private static void assertChecksumsRight(byte[] p) {
        assertEquals(0xFFFF, Checksums.sum(p, 0, 20, 0), "IP header checksum");
    }

    @Test
    void anEchoRequestGetsItsReply() {
        byte[] ping = local().protocol(Ipv4Builder.ICMP).icmpType(8).icmpId(1).icmpSequence(1).build();
        byte[] reply = stack.answer(ping, ping.length);
        assertEquals(0, reply[20]);
        assertEquals(1, u16(reply, 24));
        assertEquals(0xFFFF, Checksums.sum(reply, 20, reply.length - 20, 0), "ICMP checksum");
        assertChecksumsRight(reply);
    }

    @Test
    void udpToAClosedPortGetsPortUnreachableAndToAListeningOneNothing() {
        byte[] closed = local().protocol(Ipv4Builder.UDP).sourcePort(5000).destinationPort(7).build();
        byte[] error = stack.answer(closed, closed.length);
        assertEquals(3, error[20]);
        assertEquals(3, error[21]);
        assertEquals((byte) 0xC0, error[1]);
        assertEquals(28 + closed.length, error.length, "the whole offending packet is quoted");
        byte[] open = local().protocol(Ipv4Builder.UDP).sourcePort(5000).destinationPort(53).build();
        assertNull(stack.answer(open, open.length));
    }

    @Test
    void aSynGetsASynAckFromAListenerAndAResetFromAClosedPort() {
        byte[] syn = local().protocol(Ipv4Builder.TCP).sourcePort(40000).destinationPort(22)
                .tcpFlags(Ipv4Builder.SYN).sequence(100).build();
        byte[] synAck = stack.answer(syn, syn.length);
        assertEquals(0x12, synAck[33]);
        assertEquals(101, (int) ((u16(synAck, 28) << 16) | u16(synAck, 30)));
        assertEquals(65495, u16(synAck, 34));
        assertEquals(44, synAck.length, "the MSS option of lo");
        byte[] closed = local().protocol(Ipv4Builder.TCP).sourcePort(40001).destinationPort(23)
                .tcpFlags(Ipv4Builder.SYN).sequence(100).build();
        byte[] reset = stack.answer(closed, closed.length);
        assertEquals(0x14, reset[33]);
        assertEquals(101, (int) ((u16(reset, 28) << 16) | u16(reset, 30)));
        // the SYN-ACK arriving where nobody asked for it is answered with a bare RST
        byte[] rst = stack.answer(synAck, synAck.length);
        assertEquals(0x04, rst[33]);
        assertNull(stack.answer(rst, rst.length), "no answer to a RST");
    }
}
