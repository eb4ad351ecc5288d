package org.jptables.live.hooks;

import java.util.Locale;

/**
 * What the kernel does with a packet bound for the daemon's queue when the daemon cannot take it.
 * OPEN lets it pass: the queue rules carry the bypass flag (no program bound to the queue: the packet
 * goes on to the next hook), and the daemon sets NFQA_CFG_F_FAIL_OPEN on its queues (queue full or
 * its socket's buffer full: the packet is accepted). CLOSED drops it in both cases. Either way the
 * packets already waiting in a queue when the daemon dies are dropped by the kernel.
 */
public enum FailMode {
    OPEN,
    CLOSED;

    /** Parses {@code --fail open|closed}. */
    public static FailMode parse(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            default -> throw new IllegalArgumentException("--fail: expected open or closed, not '" + text + "'");
        };
    }

    /** Whether the queue rules carry the bypass flag and the queues NFQA_CFG_F_FAIL_OPEN. */
    public boolean bypass() {
        return this == OPEN;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
