package org.jptables.live.host;

import static org.jptables.live.host.Rtnetlink.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.host.HostConfig;
import org.jptables.live.netlink.Libc;
import org.jptables.live.netlink.MessageReader;
import org.jptables.live.netlink.NetlinkSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live host, followed: read once over rtnetlink when opened, then read again whenever the
 * kernel announces a change of a link, an IPv4 address, route or neighbour or of
 * net.ipv4.ip_forward. A burst of announcements makes one reading (after {@link Timing#quietMillis}
 * without another, or {@link Timing#longestDelayMillis} after the first); a reading that differs
 * from the last becomes a new {@link Host}, handed to {@code onChange} on this object's own daemon
 * thread. Announcements the kernel could not deliver (ENOBUFS: the socket's buffer was full) make
 * a whole reading too, so no change goes unseen. The sockets belong to the network namespace of
 * the thread that opens this.
 */
public final class LiveHost implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHost.class);
    /** The groups of the changes the host model follows. */
    static final int GROUPS = RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_NEIGH | RTMGRP_IPV4_NETCONF;
    /** Room for a burst of announcements (a flushed route table) before the kernel must drop some. */
    static final int NOTIFICATION_BUFFER = 1 << 20;

    /** How long to wait for a burst to end; how long a failed reading waits before the next try. */
    record Timing(int quietMillis, int longestDelayMillis, int idleWakeMillis, int retryMillis) {
        static final Timing DEFAULT = new Timing(60, 300, 250, 1000);
    }

    private final RtnetlinkChannel notifications;
    private final HostReader reader;
    private final Consumer<Host> onChange;
    private final Timing timing;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(RouteDump.RECEIVE_BUFFER, 8);
    private final MessageReader messages = new MessageReader(buffer);
    private final Thread thread;
    private volatile State state;
    private volatile boolean closed;
    private volatile long lostNotifications;
    private volatile long readings;

    /** A reading and the host built from it, replaced together. */
    private record State(HostSnapshot snapshot, Host host) {
    }

    private LiveHost(RtnetlinkChannel notifications, HostReader reader, State first, Consumer<Host> onChange,
                     Timing timing) {
        this.notifications = notifications;
        this.reader = reader;
        this.onChange = onChange;
        this.timing = timing;
        this.readings = 1;
        this.state = first;
        this.thread = Thread.ofPlatform().daemon().name("jptables-live-host").unstarted(this::watch);
    }

    /**
     * Reads the host through {@code reader} and follows the announcements {@code notifications}
     * brings. The channel must be subscribed already: a change between the subscription and the
     * first reading is then announced, not lost. Both are closed when this is.
     */
    static LiveHost follow(RtnetlinkChannel notifications, HostReader reader, Consumer<Host> onChange, Timing timing) {
        Objects.requireNonNull(onChange, "onChange");
        HostSnapshot first = reader.read();
        State state = new State(first, Host.of(first.config()));
        LiveHost host = new LiveHost(notifications, reader, state, onChange, timing);
        host.thread.start();
        return host;
    }

    /**
     * Reads the host of the calling thread's network namespace and follows it; {@code onChange}
     * gets each new host (not the first one, which {@link #current()} gives).
     */
    public static LiveHost open(Consumer<Host> onChange) {
        return open(onChange, NOTIFICATION_BUFFER, Timing.DEFAULT);
    }

    static LiveHost open(Consumer<Host> onChange, int notificationBuffer, Timing timing) {
        NetlinkSocket socket = NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE, GROUPS);
        RouteDump dump = null;
        try {
            socket.receiveBuffer(notificationBuffer);
            dump = RouteDump.open();
            return follow(RtnetlinkChannel.of(socket), dump, onChange, timing);
        } catch (RuntimeException e) {
            if (dump != null) {
                dump.close();
            }
            socket.close();
            throw e;
        }
    }

    /** Reads the host of the calling thread's network namespace once, without following it. */
    public static HostConfig read() {
        return RouteDump.readOnce().config();
    }

    /** The host as last read. */
    public Host current() {
        return state.host();
    }

    /** The description the current host was built from. */
    public HostConfig currentConfig() {
        return state.snapshot().config();
    }

    /** The current host in conf/host.yaml's shape, with what the host model cannot say as comments. */
    public String describe() {
        return state.snapshot().describe();
    }

    /** How many times the kernel dropped announcements (ENOBUFS), each followed by a whole reading. */
    public long lostNotifications() {
        return lostNotifications;
    }

    /** False once closed, or once following stopped on an error the log names: the host is no longer kept current. */
    public boolean following() {
        return !closed && thread.isAlive();
    }

    /** How many readings of the host were made, the first included. */
    public long readings() {
        return readings;
    }

    private void watch() {
        boolean pending = false;
        long firstEvent = 0;
        long lastEvent = 0;
        long retryAt = System.nanoTime();
        boolean shortWaits = false;
        try {
            notifications.receiveTimeout(timing.idleWakeMillis());
            while (!closed) {
                if (pending != shortWaits) {
                    // short waits only while a reading is due: an idle host wakes this thread rarely
                    int wait = pending ? Math.max(1, timing.quietMillis() / 3) : timing.idleWakeMillis();
                    notifications.receiveTimeout(wait);
                    shortWaits = pending;
                }
                long length = notifications.receive(buffer);
                long now = System.nanoTime();
                boolean changed = false;
                if (length == -Libc.ENOBUFS) {
                    lostNotifications++;
                    LOG.warn("rtnetlink: the kernel dropped host change notifications (ENOBUFS, {} so far):"
                            + " reading the whole host again", lostNotifications);
                    changed = true;
                } else if (length > 0) {
                    changed = announcesChange(length);
                }
                if (changed) {
                    lastEvent = now;
                    if (!pending) {
                        pending = true;
                        firstEvent = now;
                    }
                }
                boolean burstOver = now - lastEvent >= millis(timing.quietMillis())
                        || now - firstEvent >= millis(timing.longestDelayMillis());
                if (pending && burstOver && now - retryAt >= 0 && !closed) {
                    if (refresh()) {
                        pending = false;
                    } else {
                        retryAt = now + millis(timing.retryMillis());
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.error("rtnetlink: following the host stopped: {}", e.getMessage(), e);
            }
        } finally {
            notifications.close();
            reader.close();
            arena.close();
        }
    }

    private static long millis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Whether the datagram holds a change of something the host model has (IPv6 neighbours are not). */
    private boolean announcesChange(long length) {
        messages.reset(length);
        boolean changed = false;
        try {
            while (messages.nextMessage()) {
                int family = messages.messageLength() > 16 ? messages.u8(messages.messageOffset() + 16) : 0;
                changed |= switch (messages.type()) {
                    case RTM_NEWLINK, RTM_DELLINK -> true;
                    case RTM_NEWADDR, RTM_DELADDR, RTM_NEWROUTE, RTM_DELROUTE, RTM_NEWNEIGH, RTM_DELNEIGH,
                         RTM_NEWNETCONF, RTM_DELNETCONF -> family == Libc.AF_INET;
                    default -> false;
                };
            }
        } catch (IllegalStateException e) {
            return true; // a datagram that does not parse is a change not understood: read it all
        }
        return changed;
    }

    /** Reads the host; hands a different one to onChange. False when the reading failed (tried again later). */
    private boolean refresh() {
        HostSnapshot snapshot;
        Host host;
        try {
            snapshot = reader.read();
            readings++;
            if (snapshot.config().equals(state.snapshot().config())) {
                state = new State(snapshot, state.host());
                return true;
            }
            host = Host.of(snapshot.config());
        } catch (RuntimeException e) {
            LOG.warn("rtnetlink: reading the host failed, trying again in {} ms: {}", timing.retryMillis(),
                    e.getMessage());
            return false;
        }
        state = new State(snapshot, host);
        try {
            onChange.accept(host);
        } catch (RuntimeException e) {
            LOG.error("the live host's change handler failed: {}", e.toString(), e);
        }
        return true;
    }

    /** Stops following (within a wake-up interval) and closes both sockets. */
    @Override
    public void close() {
        closed = true;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(timing.idleWakeMillis() * 4L + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
