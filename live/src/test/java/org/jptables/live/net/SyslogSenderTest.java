package org.jptables.live.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jptables.live.netlink.Libc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A syslog daemon of the test's own: a Unix datagram socket bound in a temporary folder. */
class SyslogSenderTest {
    @TempDir
    Path dir;

    @Test
    void aLineArrivesWithItsFacilityAndTheRulesLevel() {
        String path = dir.resolve("log").toString();
        try (Arena arena = Arena.ofConfined()) {
            Libc.CallState cs = new Libc.CallState(arena);
            int fd = Libc.socket(cs, 1, 2, 0);
            MemorySegment address = arena.allocate(110);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) 1);
            byte[] name = path.getBytes(StandardCharsets.UTF_8);
            MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
            assertEquals(0, Libc.bind(cs, fd, address, 110), "bind: errno " + cs.errno());
            try (SyslogSender sender = SyslogSender.open(path, SyslogSender.facility("kern"))) {
                sender.send(4, "jpt: IN=eth0 OUT= SRC=198.18.0.2");
                assertEquals(0, sender.failed());
            }
            MemorySegment in = arena.allocate(512);
            long n = Libc.recv(cs, fd, in, 512, Libc.MSG_DONTWAIT);
            assertTrue(n > 0, "errno " + cs.errno());
            byte[] got = new byte[(int) n];
            MemorySegment.copy(in, ValueLayout.JAVA_BYTE, 0, got, 0, (int) n);
            String text = new String(got, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("<4>"), text);
            assertTrue(text.endsWith(" jptables: jpt: IN=eth0 OUT= SRC=198.18.0.2"), text);
            Libc.close(cs, fd);
        }
    }

    @Test
    void withoutASyslogDaemonLinesAreCountedNotThrown() {
        try (SyslogSender sender = SyslogSender.open(dir.resolve("nobody").toString(), SyslogSender.facility("daemon"))) {
            sender.send(6, "x");
            assertEquals(1, sender.failed());
        }
        assertEquals(-1, SyslogSender.facility("kernel"));
    }
}
