package org.jptables.plugins.nfqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Verdict;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** No program listens on a queue offline: the kernel drops, or with --queue-bypass goes on. */
class NfqueueTest {
    private final RuleTester input = RuleTester.filter();

    @Test
    void withoutAListenerTheKernelDropsUnlessBypassed() {
        var p = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).view();
        assertEquals(Verdict.DROP, input.verdict("-j NFQUEUE", p));
        assertEquals(Verdict.DROP, input.verdict("-j NFQUEUE --queue-balance 0:7 --queue-cpu-fanout", p));
        assertEquals(Verdict.ACCEPT, input.verdict("-j NFQUEUE --queue-num 3 --queue-bypass", p));
        assertEquals(Verdict.ACCEPT, input.verdict("-j NFQUEUE --queue-balance 2:4 --queue-bypass", p));
    }

    @Test
    void help() throws Exception {
        try (InputStream in = NfqueueTest.class.getResourceAsStream("/help-NFQUEUE.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new NfqueueExtension().help());
        }
    }
}
