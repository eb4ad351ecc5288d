package org.jptables.capture.replay;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jptables.kernel.packet.Ipv4Builder;
import org.junit.jupiter.api.Test;

/** What a capture taken on the host holds of the host's own answers, and what the summary says of it. */
class HostAnswersTest {
    private static boolean answer(Ipv4Builder b) {
        byte[] ip = b.source("198.18.0.1").destination("198.18.0.2").build();
        return CaptureReplay.isAnswer(ip, ip.length);
    }

    @Test
    void resetsAndIcmpErrorsAreAnswersOtherPacketsAreNot() {
        assertTrue(answer(new Ipv4Builder().protocol(Ipv4Builder.TCP).tcpFlags(0x04)));
        assertTrue(answer(new Ipv4Builder().protocol(Ipv4Builder.TCP).tcpFlags(0x14)));
        assertFalse(answer(new Ipv4Builder().protocol(Ipv4Builder.TCP).tcpFlags(0x12)));
        assertFalse(answer(new Ipv4Builder().protocol(Ipv4Builder.UDP)));
        byte[] quoted = new Ipv4Builder().source("198.18.0.2").destination("198.18.0.1").protocol(Ipv4Builder.UDP).build();
        for (int type : new int[] {3, 4, 5, 11, 12}) {
            assertTrue(answer(new Ipv4Builder().protocol(Ipv4Builder.ICMP).icmpType(type).quote(quoted)), "type " + type);
        }
        assertFalse(answer(new Ipv4Builder().protocol(Ipv4Builder.ICMP).icmpType(0)));
        assertFalse(answer(new Ipv4Builder().protocol(Ipv4Builder.ICMP).icmpType(8)));
        // a later fragment has no transport header to judge by
        assertFalse(answer(new Ipv4Builder().protocol(Ipv4Builder.TCP).tcpFlags(0x04).fragmentOffset(10)));
    }

    @Test
    void theSummarySaysSoUnlessTheHostIsQuiet() {
        ReplaySummary s = new ReplaySummary();
        s.count("ACCEPT", 1, 40);
        assertFalse(s.text("x.pcap", 1, false).contains("--quiet-host"));
        s.hostAnswer();
        assertTrue(s.text("x.pcap", 1, false).contains("note: the capture holds 1 TCP resets and ICMP errors sent by"
                + " the host itself"));
        assertFalse(s.text("x.pcap", 1, true).contains("--quiet-host"));
    }
}
