package org.jptables.kernel.nat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jptables.kernel.packet.Ipv4Builder;

/** Incremental rewriting gives exactly the bytes of a packet built with the new fields. */
class PacketRewriterTest {
    @Property(tries = 300)
    void rewritingEqualsBuildingAfresh(@ForAll int src, @ForAll int dst, @ForAll int newDst,
                                       @ForAll @IntRange(min = 1, max = 65535) int dport,
                                       @ForAll @IntRange(min = 1, max = 65535) int newDport,
                                       @ForAll boolean udp, @ForAll @IntRange(max = 40) int payload) {
        int proto = udp ? Ipv4Builder.UDP : Ipv4Builder.TCP;
        byte[] before = new Ipv4Builder().protocol(proto).source(src).destination(dst).destinationPort(dport)
                .payloadLength(payload).build();
        byte[] expected = new Ipv4Builder().protocol(proto).source(src).destination(newDst).destinationPort(newDport)
                .payloadLength(payload).build();
        PacketRewriter.address(before, 0, before.length, false, newDst);
        PacketRewriter.port(before, 0, before.length, false, newDport);
        assertArrayEquals(expected, before);
    }

    @Property(tries = 100)
    void ttlDecrementKeepsTheHeaderChecksumRight(@ForAll @IntRange(min = 2, max = 255) int ttl, @ForAll int src) {
        byte[] p = new Ipv4Builder().source(src).ttl(ttl).build();
        byte[] expected = new Ipv4Builder().source(src).ttl(ttl - 1).build();
        PacketRewriter.decrementTtl(p, 0);
        assertArrayEquals(expected, p);
    }
}
