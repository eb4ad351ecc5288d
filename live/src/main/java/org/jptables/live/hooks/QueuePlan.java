package org.jptables.live.hooks;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which IPv4 packets the kernel hands to the daemon, and through which queues: the kernel rules
 * {@link KernelHooks#install} puts in place. At each hook in {@code hooks} (at that hook's priority)
 * a packet goes to a queue of {@code firstQueue .. firstQueue + queueCount - 1}; with more than one,
 * the kernel picks one by a hash of the packet's addresses and protocol, the same for both
 * directions, so a connection's packets stay in one queue (both nft's {@code queue num A-B} and
 * iptables' {@code --queue-balance A:B} hash so unless told to fan out by CPU, which we never do).
 *
 * <p>Before the queue rule: packets carrying {@code ownMark} (sent by the daemon itself) pass; with
 * {@code skipLoopback}, packets the host sent to itself pass where they show up again after OUTPUT
 * (arriving on lo at PREROUTING and INPUT, leaving by lo at POSTROUTING), since the daemon judges
 * them whole at OUTPUT. With {@code interfaces} non-empty only packets of those interfaces are queued
 * (the input interface at PREROUTING and INPUT, the output one at OUTPUT and POSTROUTING, either at
 * FORWARD); a trailing {@code +} matches every name with that prefix, as in iptables.
 */
public record QueuePlan(Set<HookPoint> hooks, int firstQueue, int queueCount, FailMode fail,
        Optional<PacketMark> ownMark, boolean skipLoopback, List<String> interfaces) {
    /** The iptables interface syntax (at most IFNAMSIZ - 1 characters), minus quotes and nft's wildcard '*'. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}|[A-Za-z0-9_.:@-]{0,14}\\+");

    public QueuePlan {
        Objects.requireNonNull(fail, "fail");
        Objects.requireNonNull(ownMark, "ownMark");
        if (hooks == null || hooks.isEmpty()) {
            throw new IllegalArgumentException("queue plan: no hook point to queue at");
        }
        hooks = Collections.unmodifiableSet(EnumSet.copyOf(hooks));
        if (firstQueue < 0 || firstQueue > 65535) {
            throw new IllegalArgumentException("queue plan: queue number " + firstQueue + " outside 0-65535");
        }
        if (queueCount < 1 || firstQueue + queueCount - 1 > 65535) {
            throw new IllegalArgumentException("queue plan: " + queueCount + " queues from " + firstQueue
                    + " do not fit in 0-65535");
        }
        interfaces = List.copyOf(interfaces);
        for (String name : interfaces) {
            if (!INTERFACE.matcher(name).matches()) {
                throw new IllegalArgumentException("queue plan: '" + name + "' is not an interface name"
                        + " (1-15 of A-Z a-z 0-9 _ . : @ -, optionally ending in +)");
            }
        }
        if (interfaces.size() != Set.copyOf(interfaces).size()) {
            throw new IllegalArgumentException("queue plan: an interface is named twice in " + interfaces);
        }
    }

    /**
     * The daemon's usual plan: PREROUTING, OUTPUT and POSTROUTING, loopback judged at OUTPUT only,
     * every interface, no own mark.
     */
    public static QueuePlan standard(int firstQueue, int queueCount, FailMode fail) {
        return new QueuePlan(EnumSet.of(HookPoint.PREROUTING, HookPoint.OUTPUT, HookPoint.POSTROUTING), firstQueue,
                queueCount, fail, Optional.empty(), true, List.of());
    }

    public int lastQueue() {
        return firstQueue + queueCount - 1;
    }

    public QueuePlan withHooks(Collection<HookPoint> points) {
        return new QueuePlan(EnumSet.copyOf(points), firstQueue, queueCount, fail, ownMark, skipLoopback, interfaces);
    }

    public QueuePlan withQueues(int first, int count) {
        return new QueuePlan(hooks, first, count, fail, ownMark, skipLoopback, interfaces);
    }

    public QueuePlan withFail(FailMode mode) {
        return new QueuePlan(hooks, firstQueue, queueCount, mode, ownMark, skipLoopback, interfaces);
    }

    public QueuePlan withOwnMark(PacketMark mark) {
        return new QueuePlan(hooks, firstQueue, queueCount, fail, Optional.of(mark), skipLoopback, interfaces);
    }

    public QueuePlan withSkipLoopback(boolean skip) {
        return new QueuePlan(hooks, firstQueue, queueCount, fail, ownMark, skip, interfaces);
    }

    public QueuePlan withInterfaces(List<String> names) {
        return new QueuePlan(hooks, firstQueue, queueCount, fail, ownMark, skipLoopback, names);
    }

    /** Whether packets the host sends to itself pass unqueued at {@code point}. */
    public boolean skipsLoopbackAt(HookPoint point) {
        return skipLoopback && point.seesLoopbackAfterOutput();
    }

    /** One line for logs: hooks, queues, fail mode and the exceptions. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("queue ").append(hooks).append(" to ")
                .append(queueCount == 1 ? String.valueOf(firstQueue) : firstQueue + "-" + lastQueue())
                .append(", fail ").append(fail);
        ownMark.ifPresent(m -> s.append(", own mark ").append(m.iptablesText()).append(" passes"));
        if (skipLoopback) {
            s.append(", loopback judged at OUTPUT only");
        }
        if (!interfaces.isEmpty()) {
            s.append(", interfaces ").append(String.join(",", interfaces));
        }
        return s.toString();
    }
}
