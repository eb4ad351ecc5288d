package org.jptables.live.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonOptionsTest {
    @Test
    void theDefaultsNeverLockTheOperatorOut() throws Exception {
        DaemonOptions o = DaemonOptions.parse(List.of());
        assertTrue(o.failOpen());
        assertEquals(0, o.queue());
        assertEquals(1, o.queues());
        assertEquals(64, o.batch());
        assertFalse(o.shadow());
        assertNull(o.metrics());
        assertEquals("auto", o.hooks());
        assertNull(o.syslog());
    }

    @Test
    void everyOptionIsTaken() throws Exception {
        DaemonOptions o = DaemonOptions.parse(List.of("--queue", "7", "--queues", "2", "--fail", "closed", "--shadow",
                "--batch", "1", "--gso", "--metrics", "0.0.0.0:9464", "--hooks", "iptables", "--mark", "0x10",
                "--syslog", "local3"));
        assertEquals(7, o.queue());
        assertEquals(2, o.queues());
        assertFalse(o.failOpen());
        assertTrue(o.shadow());
        assertEquals(1, o.batch());
        assertTrue(o.gso());
        assertEquals(9464, o.metrics().getPort());
        assertEquals("0.0.0.0", o.metrics().getHostString());
        assertEquals("iptables", o.hooks());
        assertEquals(0x10, o.mark());
        assertEquals("local3", o.syslog());
        assertEquals("127.0.0.1", DaemonOptions.parse(List.of("--metrics", "9100")).metrics().getHostString());
    }

    @Test
    void wrongUseIsOneLineSayingWhy() {
        assertEquals("--fail: \"maybe\" is not open or closed", message("--fail", "maybe"));
        assertEquals("--queues: 0 is not in 1..64", message("--queues", "0"));
        assertEquals("option \"--queue\" requires an argument", message("--queue"));
        assertEquals("--batch: \"x\" is not a number", message("--batch", "x"));
        assertEquals("unknown option \"--frobnicate\"", message("--frobnicate"));
        assertEquals("--queues: queues 65535 to 65536 pass 65535", message("--queue", "65535", "--queues", "2"));
        assertEquals("--metrics: \"x:y\" is not [ADDRESS:]PORT", message("--metrics", "x:y"));
        assertTrue(message("--syslog", "kernel").startsWith("--syslog: \"kernel\" is not a syslog facility"));
    }

    private static String message(String... args) {
        return assertThrows(DaemonOptions.DaemonUsageError.class, () -> DaemonOptions.parse(List.of(args))).getMessage();
    }
}
