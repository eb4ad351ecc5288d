package org.jptables.kernel.path;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FrameSummaryTest {
    private static String summary(String hex) {
        return FrameSummary.of(HexFormat.of().parseHex(hex));
    }

    @Test
    void aSynAckFromTheHostsStack() {
        // recorded in shared/conformance/seed-centos6: the listening sshd's answer
        assertEquals("IP 198.18.0.1.22 > 198.18.0.2.40000: Flags [S.], seq 3164402253, ack 1001, win 64240, length 0",
                summary("02000000000202000000000108004500002c000040004006aea4c6120001c612000200169c40bc9cf24d000003e96012faf08c460000020405b4"));
    }

    @Test
    void rejectsIcmpAnswer() {
        assertEquals("IP 198.18.0.1 > 203.0.113.9: ICMP host prohibited, length 48",
                summary("020000000002020000000001080045c000444f180000400128c4c6120001cb007109030aff2d0000000045000028123400004006667fcb007109c61200019c410050000003e8000000005002faf012950000"));
    }

    @Test
    void truncatedAndForeignFramesSayWhatTheyAre() {
        assertEquals("not IPv4, 14 bytes", summary("0200000000020200000000010806"));
        assertEquals("IP 198.18.0.1 > 203.0.113.9: tcp, truncated",
                summary("02000000000202000000000108004500002c000040004006aea4c6120001cb007109"));
    }
}
