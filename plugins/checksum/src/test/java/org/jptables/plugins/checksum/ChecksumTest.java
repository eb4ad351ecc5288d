package org.jptables.plugins.checksum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jptables.api.Hook;
import org.jptables.api.Verdict;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class ChecksumTest {
    private final RuleTester mangle = RuleTester.of("mangle", "PREROUTING");

    @Test
    void savesAndListsAsIptables() {
        assertEquals("-A PREROUTING -j CHECKSUM --checksum-fill", mangle.saved("-j CHECKSUM --checksum-fill"));
        assertEquals("-A PREROUTING -j CHECKSUM --checksum-fill", mangle.saved("-j CHECKSUM --checksum"));
        assertEquals("CHECKSUM   all  --  anywhere             anywhere             CHECKSUM fill",
                mangle.listed("-j CHECKSUM --checksum-fill", false));
        assertEquals("CHECKSUM   0    --  0.0.0.0/0            0.0.0.0/0            CHECKSUM fill",
                mangle.listed("-j CHECKSUM --checksum-fill", true));
    }

    @Test
    void refusesAsIptables() {
        assertEquals("CHECKSUM: option \"--checksum-fill\" must be specified", mangle.error("-j CHECKSUM"));
        assertEquals(2, mangle.failure("-j CHECKSUM").status());
        assertEquals("CHECKSUM: option \"--checksum-fill\" can only be used once.",
                mangle.error("-j CHECKSUM --checksum-fill --checksum-fill"));
        assertEquals("CHECKSUM: option \"--checksum-fill\" cannot be inverted.",
                mangle.error("-j CHECKSUM ! --checksum-fill"));
    }

    @Test
    void mangleOnlyAtEveryHook() {
        for (Hook hook : Hook.values()) {
            assertTrue(ChecksumExtension.MANGLE.allows("mangle", hook), hook.toString());
        }
        assertEquals("-A INPUT -j CHECKSUM --checksum-fill",
                RuleTester.of("mangle", "INPUT").saved("-j CHECKSUM --checksum-fill"));
        assertEquals("-A POSTROUTING -j CHECKSUM --checksum-fill",
                RuleTester.of("mangle", "POSTROUTING").saved("-j CHECKSUM --checksum-fill"));
        String refused = "Invalid argument. Run `dmesg' for more information.";
        assertEquals(new RuleTester.Failure(1, refused), RuleTester.filter().failure("-j CHECKSUM --checksum-fill"));
        assertEquals(new RuleTester.Failure(1, refused),
                RuleTester.of("nat", "PREROUTING").failure("-j CHECKSUM --checksum-fill"));
    }

    @Test
    void aCompleteChecksumIsLeftAsItIs() {
        for (var p : new TestPackets[] {TestPackets.udp("192.0.2.1", 5000, "198.18.0.1", 53).length(20),
                TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).flags(TestPackets.SYN)}) {
            var view = p.view();
            byte[] before = Arrays.copyOfRange(view.bytes(), view.offset(), view.offset() + view.length());
            assertEquals(Verdict.ACCEPT, mangle.verdict("-j CHECKSUM --checksum-fill", view));
            assertArrayEquals(before, Arrays.copyOfRange(view.bytes(), view.offset(), view.offset() + view.length()));
        }
    }

    @Test
    void helpTextIsIptables() throws Exception {
        try (InputStream in = ChecksumTest.class.getResourceAsStream("/help-CHECKSUM.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new ChecksumExtension().help());
        }
    }
}
