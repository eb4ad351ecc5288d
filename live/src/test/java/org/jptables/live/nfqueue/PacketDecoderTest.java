package org.jptables.live.nfqueue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Packet messages built by hand as nfqnl_build_packet_message lays them out (nlmsghdr in host
 * order, nfgenmsg, attributes with big-endian values, the payload last and unpadded), read back
 * through the decoder.
 */
class PacketDecoderTest {
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment buffer = arena.allocate(1 << 17, 8);
    private final PacketDecoder decoder = new PacketDecoder(buffer);
    private final QueuedPacket packet = new QueuedPacket();

    @AfterEach
    void tearDown() {
        arena.close();
    }

    /** One netlink message under construction: attributes appended in order. */
    private static final class Message {
        private final ByteArrayOutputStream attributes = new ByteArrayOutputStream();
        private final int type;
        private final int seq;
        private final byte[] family;

        Message(int type, int seq, int nfFamily, int queue) {
            this.type = type;
            this.seq = seq;
            this.family = new byte[] {(byte) nfFamily, 0, (byte) (queue >> 8), (byte) queue};
        }

        Message attr(int attrType, byte[] value, boolean pad) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder());
            b.putShort((short) (4 + value.length)).putShort((short) attrType);
            attributes.writeBytes(b.array());
            attributes.writeBytes(value);
            if (pad) {
                attributes.writeBytes(new byte[(4 - value.length % 4) % 4]);
            }
            return this;
        }

        Message attr(int attrType, byte[] value) {
            return attr(attrType, value, true);
        }

        Message be32(int attrType, int value) {
            return attr(attrType, ByteBuffer.allocate(4).putInt(value).array());
        }

        byte[] bytes() {
            byte[] body = attributes.toByteArray();
            ByteBuffer b = ByteBuffer.allocate(16 + 4 + body.length).order(ByteOrder.nativeOrder());
            b.putInt(16 + 4 + body.length).putShort((short) type).putShort((short) 0).putInt(seq).putInt(0);
            b.put(family).put(body);
            return b.array();
        }
    }

    private static Message packetMessage(int queue) {
        return new Message(QueueProtocol.TYPE_PACKET, 0, 2, queue);
    }

    private static byte[] packetHeader(int id, int hwProtocol, int hook) {
        return ByteBuffer.allocate(7).putInt(id).putShort((short) hwProtocol).put((byte) hook).array();
    }

    /** An NLMSG_ERROR as netlink_ack writes it with NETLINK_CAP_ACK: error, then the request's header. */
    private static byte[] reply(int seq, int errno) {
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.nativeOrder());
        b.putInt(36).putShort((short) 2).putShort((short) 0x100).putInt(seq).putInt(0);
        b.putInt(-errno);
        b.putInt(32).putShort((short) QueueProtocol.TYPE_VERDICT).putShort((short) 1).putInt(seq).putInt(0);
        return b.array();
    }

    /** Lays the messages one after the other at 4-byte alignment, as one datagram, and loads it. */
    private void load(byte[]... messages) {
        long at = 0;
        for (byte[] m : messages) {
            MemorySegment.copy(m, 0, buffer, ValueLayout.JAVA_BYTE, at, m.length);
            at += (m.length + 3) & ~3;
        }
        long last = messages[messages.length - 1].length;
        decoder.load(at - ((last + 3) & ~3) + last);
    }

    @Test
    void readsEveryAttribute() {
        byte[] ip = new byte[29];
        for (int i = 0; i < ip.length; i++) {
            ip[i] = (byte) (0x40 + i);
        }
        byte[] hw = {0, 6, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0}; // nfqnl_msg_packet_hw: length 6, pad, address[8]
        byte[] timestamp = ByteBuffer.allocate(16).putLong(1_700_000_000L).putLong(123_456L).array();
        byte[] vlan = new Message(0, 0, 0, 0).attr(QueueProtocol.NFQA_VLAN_TCI, new byte[] {0, 0x64})
                .attr(QueueProtocol.NFQA_VLAN_PROTO, new byte[] {(byte) 0x81, 0}).attributes.toByteArray();
        byte[] ct = new Message(0, 0, 0, 0).be32(3, 0x0a).attributes.toByteArray(); // a CTA_* nest, not read
        load(packetMessage(0x0102)
                .attr(QueueProtocol.NFQA_PACKET_HDR, packetHeader(0x8000_0001, 0x0800, 1))
                .be32(QueueProtocol.NFQA_IFINDEX_INDEV, 3)
                .be32(QueueProtocol.NFQA_IFINDEX_OUTDEV, 4)
                .be32(QueueProtocol.NFQA_IFINDEX_PHYSINDEV, 5)
                .be32(QueueProtocol.NFQA_IFINDEX_PHYSOUTDEV, 6)
                .be32(QueueProtocol.NFQA_MARK, 0xDEAD_BEEF)
                .be32(QueueProtocol.NFQA_PRIORITY, 6)
                .attr(QueueProtocol.NFQA_HWADDR, hw)
                .attr(QueueProtocol.NFQA_VLAN | 0x8000, vlan)
                .attr(QueueProtocol.NFQA_L2HDR, new byte[14])
                .attr(QueueProtocol.NFQA_TIMESTAMP, timestamp)
                .be32(QueueProtocol.NFQA_UID, 1000)
                .be32(QueueProtocol.NFQA_GID, 100)
                .attr(QueueProtocol.NFQA_SECCTX, "system_u\0".getBytes())
                .attr(QueueProtocol.NFQA_CT | 0x8000, ct)
                .be32(QueueProtocol.NFQA_CT_INFO, 2)
                .be32(QueueProtocol.NFQA_CAP_LEN, 1500)
                .be32(QueueProtocol.NFQA_SKB_INFO, QueueProtocol.NFQA_SKB_CSUMNOTREADY | QueueProtocol.NFQA_SKB_GSO)
                .be32(60, 7) // a type newer than this code: skipped
                .attr(QueueProtocol.NFQA_PAYLOAD, ip, false)
                .bytes());

        assertEquals(PacketDecoder.PACKET, decoder.advance(packet));
        assertEquals(2, packet.family());
        assertEquals(0x0102, packet.queueNumber());
        assertEquals(0x8000_0001, packet.packetId());
        assertEquals(0x0800, packet.hwProtocol());
        assertEquals(1, packet.hook());
        assertEquals(3, packet.inDevice());
        assertEquals(4, packet.outDevice());
        assertEquals(5, packet.physInDevice());
        assertEquals(6, packet.physOutDevice());
        assertTrue(packet.hasMark());
        assertEquals(0xDEAD_BEEF, packet.mark());
        assertEquals(6, packet.priority());
        assertEquals(6, packet.hardwareAddressLength());
        assertEquals(0x0200_0000_0002L, packet.hardwareAddress());
        assertTrue(packet.hasVlan());
        assertEquals(0x64, packet.vlanTci());
        assertEquals(0x8100, packet.vlanProtocol());
        assertTrue(packet.hasTimestamp());
        assertEquals(1_700_000_000L, packet.timestampSeconds());
        assertEquals(123_456L, packet.timestampMicros());
        assertTrue(packet.hasUid());
        assertEquals(1000, packet.uid());
        assertTrue(packet.hasGid());
        assertEquals(100, packet.gid());
        assertTrue(packet.hasConntrackInfo());
        assertEquals(2, packet.conntrackInfo());
        assertTrue(packet.truncated());
        assertEquals(1500, packet.originalLength());
        assertEquals(QueueProtocol.NFQA_SKB_CSUMNOTREADY | QueueProtocol.NFQA_SKB_GSO, packet.skbInfo());
        assertEquals(29, packet.payloadLength());
        assertArrayEquals(ip, Arrays.copyOf(packet.payload(), 29));
        assertEquals(PacketDecoder.END, decoder.advance(packet));
        assertEquals(0, decoder.malformed());
    }

    @Test
    void severalMessagesOfOneDatagramComeOneByOne() {
        load(packetMessage(0).attr(QueueProtocol.NFQA_PACKET_HDR, packetHeader(1, 0x0800, 0))
                        .be32(QueueProtocol.NFQA_MARK, 9).attr(QueueProtocol.NFQA_PAYLOAD, new byte[] {1, 2, 3}, false).bytes(),
                packetMessage(0).attr(QueueProtocol.NFQA_PACKET_HDR, packetHeader(2, 0x0800, 0))
                        .attr(QueueProtocol.NFQA_PAYLOAD, new byte[] {4, 5}, false).bytes(),
                reply(77, 2),
                new Message(1, 0, 0, 0).bytes(), // NLMSG_NOOP
                reply(78, 0),
                packetMessage(0).attr(QueueProtocol.NFQA_PACKET_HDR, packetHeader(3, 0x86DD, 4)).bytes());

        assertEquals(PacketDecoder.PACKET, decoder.advance(packet));
        assertEquals(1, packet.packetId());
        assertTrue(packet.hasMark());
        assertEquals(3, packet.payloadLength());

        assertEquals(PacketDecoder.PACKET, decoder.advance(packet));
        assertEquals(2, packet.packetId());
        assertFalse(packet.hasMark(), "what the previous packet had is forgotten");
        assertEquals(2, packet.payloadLength());
        assertEquals(4, packet.payload()[0]);

        assertEquals(PacketDecoder.REPLY, decoder.advance(packet));
        assertEquals(77, decoder.replySequence());
        assertEquals(2, decoder.replyErrno());
        assertEquals(PacketDecoder.REPLY, decoder.advance(packet));
        assertEquals(78, decoder.replySequence());
        assertEquals(0, decoder.replyErrno());

        assertEquals(PacketDecoder.PACKET, decoder.advance(packet));
        decoder.unread();
        assertEquals(PacketDecoder.PACKET, decoder.advance(packet), "an unread message comes again");
        assertEquals(3, packet.packetId());
        assertEquals(0x86DD, packet.hwProtocol());
        assertEquals(4, packet.hook());
        assertEquals(0, packet.payloadLength());
        assertEquals(PacketDecoder.END, decoder.advance(packet));
    }

    @Test
    void aMessageLongerThanTheDatagramEndsIt() {
        byte[] m = packetMessage(0).attr(QueueProtocol.NFQA_PACKET_HDR, packetHeader(1, 0x0800, 0)).bytes();
        ByteBuffer.wrap(m).order(ByteOrder.nativeOrder()).putInt(0, m.length + 100);
        load(m);
        assertEquals(PacketDecoder.END, decoder.advance(packet));
        assertEquals(1, decoder.malformed());
    }

    @Test
    void anAttributeOverrunningItsMessageSkipsTheMessage() {
        byte[] bad = packetMessage(0).attr(QueueProtocol.NFQA_PACKET_HDR, packetHeader(1, 0x0800, 0))
                .be32(QueueProtocol.NFQA_MARK, 1).bytes();
        ByteBuffer.wrap(bad).order(ByteOrder.nativeOrder()).putShort(bad.length - 8, (short) 200); // the mark's nla_len
        byte[] good = packetMessage(0).attr(QueueProtocol.NFQA_PACKET_HDR, packetHeader(2, 0x0800, 0)).bytes();
        load(bad, good);
        assertEquals(PacketDecoder.PACKET, decoder.advance(packet));
        assertEquals(2, packet.packetId());
        assertEquals(1, decoder.malformed());
    }

    @Test
    void aZeroAttributeLengthDoesNotLoop() {
        byte[] bad = packetMessage(0).attr(QueueProtocol.NFQA_PACKET_HDR, packetHeader(1, 0x0800, 0))
                .be32(QueueProtocol.NFQA_MARK, 1).bytes();
        ByteBuffer.wrap(bad).order(ByteOrder.nativeOrder()).putShort(bad.length - 8, (short) 0);
        load(bad);
        assertEquals(PacketDecoder.END, decoder.advance(packet));
        assertEquals(1, decoder.malformed());
    }

    @Test
    void aPacketWithoutItsHeaderCannotBeAnswered() {
        load(packetMessage(0).be32(QueueProtocol.NFQA_MARK, 1).bytes());
        assertEquals(PacketDecoder.END, decoder.advance(packet));
        assertEquals(1, decoder.malformed());
    }
}
