package org.jptables.kernel.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jptables.api.Effects;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/** Lines the real kernel wrote for shared/conformance/stateful-chains. */
class LogLineTest {
    private static PacketView arriving(byte[] bytes, int mark) {
        PacketView p = new PacketView().wrap(bytes).inInterface("eth0").linkHeader(0x020000000001L, 0x020000000002L);
        p.setMark(mark);
        return p;
    }

    @Test
    void tcpSynWithSequenceAndMark() {
        byte[] syn = new Ipv4Builder().source("198.18.0.2").destination("198.18.0.1").sourcePort(41000)
                .destinationPort(22).tcpFlags(Ipv4Builder.SYN).sequence(5000).build();
        assertEquals("ssh-new: IN=eth0 OUT= MAC=02:00:00:00:00:01:02:00:00:00:00:02:08:00 SRC=198.18.0.2 "
                + "DST=198.18.0.1 LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=4660 PROTO=TCP SPT=41000 DPT=22 SEQ=5000 "
                + "ACK=0 WINDOW=64240 RES=0x00 SYN URGP=0 MARK=0x16 ",
                LogLine.of(arriving(syn, 0x16), "ssh-new: ", Effects.LOG_TCP_SEQUENCE));
    }

    @Test
    void synFinAndUdp() {
        byte[] synFin = new Ipv4Builder().source("198.18.0.2").destination("198.18.0.1").sourcePort(41010)
                .destinationPort(22).tcpFlags(Ipv4Builder.SYN | Ipv4Builder.FIN).sequence(5000).build();
        assertEquals("drop: IN=eth0 OUT= MAC=02:00:00:00:00:01:02:00:00:00:00:02:08:00 SRC=198.18.0.2 DST=198.18.0.1 "
                + "LEN=40 TOS=0x00 PREC=0x00 TTL=64 ID=4660 PROTO=TCP SPT=41010 DPT=22 WINDOW=64240 RES=0x00 SYN FIN "
                + "URGP=0 ", LogLine.of(arriving(synFin, 0), "drop: ", 0));
        byte[] udp = new Ipv4Builder().protocol(Ipv4Builder.UDP).source("198.18.0.2").destination("198.18.0.1")
                .sourcePort(41002).destinationPort(161).payloadLength(10).build();
        assertEquals("drop: IN=eth0 OUT= MAC=02:00:00:00:00:01:02:00:00:00:00:02:08:00 SRC=198.18.0.2 DST=198.18.0.1 "
                + "LEN=38 TOS=0x00 PREC=0x00 TTL=64 ID=4660 PROTO=UDP SPT=41002 DPT=161 LEN=18 ",
                LogLine.of(arriving(udp, 0), "drop: ", 0));
    }

    @Test
    void locallySentPacketsHaveNoMacField() {
        byte[] ping = new Ipv4Builder().protocol(Ipv4Builder.ICMP).source("198.18.0.1").destination("198.18.0.2")
                .icmpType(8).icmpId(7).icmpSequence(3).build();
        PacketView p = new PacketView().wrap(ping).outInterface("eth0");
        assertEquals("IN= OUT=eth0 SRC=198.18.0.1 DST=198.18.0.2 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=4660 "
                + "PROTO=ICMP TYPE=8 CODE=0 ID=7 SEQ=3 ", LogLine.of(p, "", 0));
    }
}
