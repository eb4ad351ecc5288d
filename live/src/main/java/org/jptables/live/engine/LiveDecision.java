package org.jptables.live.engine;

/**
 * The answer for one queued packet, reused from packet to packet: the verdict, the packet's new
 * bytes when jptables changed them (NAT, a mangle target), and its new mark when a rule set one.
 */
public final class LiveDecision {
    public static final int DROP = 0;
    public static final int ACCEPT = 1;
    /** No new mark: the kernel keeps the packet's own. */
    public static final long NO_MARK = -1;

    int verdict;
    byte[] payload;
    int payloadLength;
    long mark = NO_MARK;

    void clear() {
        verdict = ACCEPT;
        payload = null;
        payloadLength = 0;
        mark = NO_MARK;
    }

    public int verdict() {
        return verdict;
    }

    /** The packet's new bytes, or null when the kernel keeps them as they are. */
    public byte[] payload() {
        return payload;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** The packet's new mark (0..2^32-1), or {@link #NO_MARK}. */
    public long mark() {
        return mark;
    }

    /** Whether the packet goes on exactly as it came: such answers can share a batch verdict. */
    public boolean plainAccept() {
        return verdict == ACCEPT && plain();
    }

    /** Whether the answer is the verdict alone (no new bytes, no new mark): runs of them share a batch verdict. */
    public boolean plain() {
        return payload == null && mark == NO_MARK;
    }
}
