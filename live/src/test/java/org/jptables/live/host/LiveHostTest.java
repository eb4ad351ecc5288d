package org.jptables.live.host;

import static org.jptables.live.host.Rtnetlink.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jptables.api.Addresses;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.host.HostConfig;
import org.jptables.kernel.host.HostConfig.InterfaceConfig;
import org.jptables.live.netlink.Libc;
import org.junit.jupiter.api.Test;

/** Following the host: bursts coalesce, losses make a whole reading, nothing else wakes a reading. */
class LiveHostTest {
    private static final LiveHost.Timing FAST = new LiveHost.Timing(30, 150, 40, 60);

    /** A reader whose host has {@code addresses()} addresses on eth0, as many as the test says at the time. */
    private static final class CountingReader implements HostReader {
        final AtomicInteger reads = new AtomicInteger();
        volatile int addresses = 1;
        volatile int failures;
        volatile boolean closed;

        @Override
        public HostSnapshot read() {
            reads.incrementAndGet();
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("rtnetlink: no answer (test)");
            }
            List<String> list = new java.util.ArrayList<>();
            for (int i = 1; i <= addresses; i++) {
                list.add("198.18." + i + ".1/24");
            }
            return new HostSnapshot(new HostConfig(true,
                    List.of(new InterfaceConfig("lo", 1, null, List.of("127.0.0.1/8"), 65536, null),
                            new InterfaceConfig("eth0", 2, null, list, 1500, null)), List.of(), List.of()), List.of());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static byte[] notification(int type, int family, int header) {
        return new Datagram().bare(type, family, header).bytes();
    }

    @Test
    void aBurstOfChangesMakesOneReadingAndOneNewHost() throws Exception {
        ScriptedChannel channel = new ScriptedChannel((t, s) -> List.of(), 1000);
        CountingReader reader = new CountingReader();
        LinkedBlockingQueue<Host> changes = new LinkedBlockingQueue<>();
        try (LiveHost live = LiveHost.follow(channel, reader, changes::add, FAST)) {
            Host first = live.current();
            assertEquals(1, first.interfaceCount() - 1);
            reader.addresses = 2;
            byte[] address = notification(RTM_NEWADDR, Libc.AF_INET, IFADDRMSG);
            channel.push(address, address, address, address, address, notification(RTM_NEWROUTE, Libc.AF_INET, RTMSG));
            Host next = changes.poll(2, TimeUnit.SECONDS);
            assertNotNull(next, "no new host after the burst");
            assertTrue(next.isLocal(Addresses.parse("198.18.2.1")));
            assertSame(next, live.current());
            assertTrue(live.describe().contains("198.18.2.1/24"), live.describe());
            assertNull(changes.poll(200, TimeUnit.MILLISECONDS), "one burst, one new host");
            assertEquals(2, reader.reads.get());
            assertEquals(2, live.readings());
            assertTrue(live.following());
            live.close();
            assertFalse(live.following());
        }
        assertTrue(channel.closed && reader.closed, "closing closes the socket and the reader");
    }

    @Test
    void lostNotificationsMakeAWholeReading() throws Exception {
        ScriptedChannel channel = new ScriptedChannel((t, s) -> List.of(), 1000);
        CountingReader reader = new CountingReader();
        LinkedBlockingQueue<Host> changes = new LinkedBlockingQueue<>();
        try (LiveHost live = LiveHost.follow(channel, reader, changes::add, FAST)) {
            reader.addresses = 3;
            channel.pushLoss();
            Host next = changes.poll(2, TimeUnit.SECONDS);
            assertNotNull(next, "a loss alone must bring the host up to date");
            assertTrue(next.isLocal(Addresses.parse("198.18.3.1")));
            assertEquals(1, live.lostNotifications());
        }
    }

    @Test
    void whatTheHostModelDoesNotHoldWakesNoReading() throws Exception {
        ScriptedChannel channel = new ScriptedChannel((t, s) -> List.of(), 1000);
        CountingReader reader = new CountingReader();
        LinkedBlockingQueue<Host> changes = new LinkedBlockingQueue<>();
        try (LiveHost live = LiveHost.follow(channel, reader, changes::add, FAST)) {
            channel.push(notification(RTM_NEWNEIGH, Datagram.AF_INET6, NDMSG),
                    notification(RTM_NEWADDR, Datagram.AF_INET6, IFADDRMSG),
                    notification(RTM_NEWNEIGH, Libc.AF_INET, NDMSG)); // read, but the same host: no change
            assertNull(changes.poll(400, TimeUnit.MILLISECONDS));
            assertEquals(2, reader.reads.get(), "only the IPv4 neighbour made a reading");
            assertEquals(0, live.lostNotifications());
        }
    }

    @Test
    void aFailedReadingIsTriedAgain() throws Exception {
        ScriptedChannel channel = new ScriptedChannel((t, s) -> List.of(), 1000);
        CountingReader reader = new CountingReader();
        LinkedBlockingQueue<Host> changes = new LinkedBlockingQueue<>();
        try (LiveHost live = LiveHost.follow(channel, reader, changes::add, FAST)) {
            reader.failures = 2;
            reader.addresses = 4;
            channel.push(notification(RTM_DELLINK, 0, IFINFOMSG));
            Host next = changes.poll(3, TimeUnit.SECONDS);
            assertNotNull(next, "the reading was not tried again");
            assertTrue(next.isLocal(Addresses.parse("198.18.4.1")));
            assertEquals(4, reader.reads.get());
        }
    }

    @Test
    void aFailingChangeHandlerDoesNotStopTheFollowing() throws Exception {
        ScriptedChannel channel = new ScriptedChannel((t, s) -> List.of(), 1000);
        CountingReader reader = new CountingReader();
        LinkedBlockingQueue<Host> changes = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        try (LiveHost live = LiveHost.follow(channel, reader, host -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("handler failure (test)");
            }
            changes.add(host);
        }, FAST)) {
            reader.addresses = 2;
            channel.push(notification(RTM_NEWLINK, 0, IFINFOMSG));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (calls.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            reader.addresses = 3;
            channel.push(notification(RTM_NEWLINK, 0, IFINFOMSG));
            Host next = changes.poll(2, TimeUnit.SECONDS);
            assertNotNull(next);
            assertTrue(next.isLocal(Addresses.parse("198.18.3.1")));
            assertFalse(channel.closed);
        }
    }
}
