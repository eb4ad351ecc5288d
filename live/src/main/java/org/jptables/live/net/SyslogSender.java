package org.jptables.live.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.jptables.live.netlink.Libc;

/**
 * LOG lines to the local syslog daemon (/dev/log, a Unix datagram socket, which the JDK's channels
 * cannot speak: through the Foreign Function and Memory API), in the BSD format local syslog
 * daemons and journald take: {@code <PRI>Mmm dd hh:mm:ss jptables: LINE}. The priority is the
 * facility chosen and the LOG rule's own --log-level, as the kernel's LOG target uses the level.
 * A line that cannot be sent (no syslog daemon) is counted, never an error: logging must not stop
 * the packets.
 */
public final class SyslogSender implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final Map<String, Integer> FACILITIES = Map.ofEntries(Map.entry("kern", 0), Map.entry("user", 1),
            Map.entry("daemon", 3), Map.entry("auth", 4), Map.entry("syslog", 5), Map.entry("local0", 16),
            Map.entry("local1", 17), Map.entry("local2", 18), Map.entry("local3", 19), Map.entry("local4", 20),
            Map.entry("local5", 21), Map.entry("local6", 22), Map.entry("local7", 23));
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    private final Arena arena = Arena.ofShared();
    private final Libc.CallState errno = new Libc.CallState(arena);
    private final MemorySegment address;
    private final MemorySegment buffer = arena.allocate(8192);
    private final int fd;
    private final int facility;
    private long failed;

    private SyslogSender(int fd, String path, int facility) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length > 107) {
            throw new IllegalArgumentException("syslog: " + path + ": a socket path is at most 107 bytes");
        }
        this.fd = fd;
        this.facility = facility;
        // struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; }
        this.address = arena.allocate(110);
        address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, 2, name.length);
    }

    /** The facility's number, or -1 for a name syslog does not know. */
    public static int facility(String name) {
        return FACILITIES.getOrDefault(name, -1);
    }

    /** A sender to the syslog socket at {@code path} (/dev/log) with {@code facility}. */
    public static SyslogSender open(String path, int facility) {
        try (Arena local = Arena.ofConfined()) {
            Libc.CallState cs = new Libc.CallState(local);
            int fd = Libc.socket(cs, AF_UNIX, SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IllegalStateException("syslog: socket(AF_UNIX): " + Libc.describe(cs.errno()));
            }
            try {
                return new SyslogSender(fd, path, facility);
            } catch (RuntimeException e) {
                Libc.close(cs, fd);
                throw e;
            }
        }
    }

    /** Sends one line at syslog level {@code level} (0 emerg .. 7 debug). */
    public synchronized void send(int level, String line) {
        String message = "<" + (facility * 8 + Math.max(0, Math.min(7, level))) + ">"
                + STAMP.format(LocalDateTime.now()) + " jptables: " + line;
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(bytes.length, buffer.byteSize());
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, n);
        if (Libc.sendto(errno, fd, buffer, n, 0, address, 110) < 0) {
            failed++;
        }
    }

    /** Lines that could not be sent (no syslog daemon listening, a full socket). */
    public long failed() {
        return failed;
    }

    @Override
    public synchronized void close() {
        Libc.close(errno, fd);
        arena.close();
    }
}
