package org.jptables.kernel.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jptables.api.Hook;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/**
 * The attributes, in order and size, of two records tcpdump -i nflog:5 captured on Linux 6.18
 * (a 5-byte UDP datagram of uid 1000 to 127.0.0.1:9999, NFLOG in OUTPUT with --nflog-prefix test,
 * then in INPUT through lo with --nflog-size 30, marked 7 in between).
 */
class NflogRecordTest {
    private static PacketView udp() {
        byte[] ip = new Ipv4Builder().source("127.0.0.1").destination("127.0.0.1").protocol(Ipv4Builder.UDP)
                .sourcePort(57105).destinationPort(9999).payloadLength(5).build();
        return new PacketView().wrap(ip);
    }

    /** "type:length" of each attribute after the 4-byte nflog header. */
    private static List<String> layout(byte[] record) {
        ByteBuffer b = ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN);
        List<String> out = new ArrayList<>();
        int at = 4;
        while (at < record.length) {
            int length = b.getShort(at) & 0xFFFF;
            out.add((b.getShort(at + 2) & 0xFFFF) + ":" + length);
            at += (length + 3) & ~3;
        }
        return out;
    }

    @Test
    void aSentPacketAsTheKernelGivesIt() {
        PacketView p = udp().inInterface("").outInterface("lo").hook(Hook.OUTPUT).socket(LocalSocket.of(1000, 100));
        p.setMark(7);
        NflogRecord r = NflogRecord.of(p, 3, 0, 1, 5, "test", -1);
        assertEquals("02000005", HexFormat.of().formatHex(r.bytes(), 0, 4));
        assertEquals(List.of("1:8", "10:9", "5:8", "2:8", "11:8", "14:8", "9:37"), layout(r.bytes()));
        assertEquals(96, r.bytes().length);
    }

    @Test
    void aReceivedPacketCarriesItsLinkLayerAndTime() {
        PacketView p = udp().inInterface("lo").outInterface("").hook(Hook.INPUT).linkHeader(0, 0).timeNanos(3_500_000_000L);
        p.setMark(7);
        NflogRecord r = NflogRecord.of(p, 1, 1, 0, 5, "", 30);
        assertEquals(List.of("1:8", "10:5", "4:8", "2:8", "8:16", "15:6", "17:6", "16:18", "3:20", "9:34"), layout(r.bytes()));
        assertEquals(144, r.bytes().length);
        // HWTYPE is ARPHRD_LOOPBACK for lo; the time is seconds and microseconds, big-endian
        assertEquals("0304", HexFormat.of().formatHex(r.bytes(), 56, 58));
        assertEquals("0000000000000003000000000007a120", HexFormat.of().formatHex(r.bytes(), 92, 108));
    }

    @Test
    void outputHooksCarryNoTimeAndNoSocketNoUid() {
        PacketView p = udp().inInterface("").outInterface("eth0").hook(Hook.POSTROUTING).socket(LocalSocket.KERNEL);
        NflogRecord r = NflogRecord.of(p, 4, 0, 2, 0, "x", 0);
        assertEquals(List.of("1:8", "10:6", "5:8"), layout(r.bytes()));
        // a listener's SYN-ACK: -m owner sees the listener, NFLOG (not a full socket) no uid
        p.socket(LocalSocket.ROOT_LISTENER_REQUEST);
        assertEquals(0, p.socketUid());
        assertEquals(List.of("1:8", "10:6", "5:8"), layout(NflogRecord.of(p, 4, 0, 2, 0, "x", 0).bytes()));
    }

    /** Recorded (tcpdump -i nflog:5 in a bridging namespace): each port right after its device, none without it. */
    @Test
    void bridgePortsFollowTheirDevices() {
        PacketView p = udp().inInterface("br0").outInterface("br0").hook(Hook.FORWARD);
        p.bridgePorts("eth0", "eth1");
        List<String> forward = layout(NflogRecord.of(p, 2, 4, 2, 4, 3, 5, "f", 0).bytes());
        assertEquals(List.of("1:8", "10:6", "4:8", "6:8", "5:8", "7:8"), forward.subList(0, 6));
        p.inInterface("").hook(Hook.POSTROUTING);
        assertEquals(List.of("1:8", "10:6", "5:8", "7:8"), layout(NflogRecord.of(p, 4, 0, 2, 4, 3, 5, "p", 0).bytes()));
    }
}
