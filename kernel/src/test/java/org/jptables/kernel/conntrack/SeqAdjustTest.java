package org.jptables.kernel.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/** nf_conntrack_seqadj: one correction remembered per direction, offsets before and after it. */
class SeqAdjustTest {
    private final SeqAdjust seqadj = new SeqAdjust();

    SeqAdjustTest() {
        seqadj.grow(4);
    }

    @Test
    void onlyTheLastCorrectionIsRemembered() {
        seqadj.set(1, 0, 1009, 1);
        assertEquals(0, seqadj.offset(1, 0, 1009), "the rewritten segment itself: the offset before");
        assertEquals(1, seqadj.offset(1, 0, 1010));
        seqadj.set(1, 0, 1039, 1);
        assertEquals(2, seqadj.offset(1, 0, 1040));
        assertEquals(1, seqadj.offset(1, 0, 1039));
        assertEquals(1, seqadj.offset(1, 0, 1001), "before both: still only the offset before the last");
        seqadj.set(1, 0, 1020, 5);
        assertEquals(2, seqadj.offset(1, 0, 1040), "an older position is ignored while a correction is pending");
        seqadj.set(1, 0, 1050, -3);
        assertEquals(-1, seqadj.offset(1, 0, 1051), "a shorter rewrite moves back");
        assertEquals(0, seqadj.offset(1, 1, 1051), "the other direction is apart");
        assertEquals(0, seqadj.offset(2, 0, 1051), "and every other connection");
        seqadj.reset(1);
        assertEquals(0, seqadj.offset(1, 0, 1051));
    }

    @Test
    void sequenceAcknowledgementAndSackBlocksAreAdjustedWithTheChecksum() {
        seqadj.set(0, 0, 1009, 2);  // the client's numbers moved on by two after 1009
        seqadj.set(0, 1, 5017, -1); // the server's back by one after 5017
        // the server's segment: its own number moves back, its SACK of the client's data back by two
        byte[] sack = {1, 1, 5, 10, 0, 0, 0x04, 0x10, 0, 0, 0x04, 0x20};
        byte[] p = new Ipv4Builder().source("203.0.113.5").destination("198.18.1.2").protocol(Ipv4Builder.TCP)
                .sourcePort(21).destinationPort(40000).tcpFlags(Ipv4Builder.ACK).sequence(5020).acknowledgement(1040)
                .tcpOptions(sack).build();
        PacketView v = new PacketView().wrap(p);
        seqadj.adjust(v, 0, 1, 20, false);
        assertEquals(5019, v.u32(24));
        assertEquals(1038, v.u32(28));
        assertEquals(0x0410 - 2, v.u32(20 + 20 + 4), "SACK start 1040 after the correction: less two");
        assertEquals(0x0420 - 2, v.u32(20 + 20 + 8));
        int tcpLength = p.length - 20;
        assertEquals(0xFFFF, Checksums.sum(p, 20, tcpLength, Checksums.sum(p, 12, 8, 0) + 6 + tcpLength));

        // a partial checksum (the device completes it) is left as it is
        byte[] q = new Ipv4Builder().source("198.18.1.2").destination("203.0.113.5").protocol(Ipv4Builder.TCP)
                .sourcePort(40000).destinationPort(21).tcpFlags(Ipv4Builder.ACK).sequence(1040).acknowledgement(5019)
                .build();
        q[36] = 0x12;
        q[37] = 0x34;
        PacketView w = new PacketView().wrap(q);
        seqadj.adjust(w, 0, 0, 20, true);
        assertEquals(1042, w.u32(24));
        assertEquals(5020, w.u32(28), "the server's ack of its own moved-back numbers: back up by one");
        assertEquals(0x1234, w.u16(36));
    }
}
