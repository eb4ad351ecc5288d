package org.jptables.plugins.mark;

import org.jptables.api.ListingFormat;
import org.jptables.api.Numbers;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * Sets the packet mark to {@code (mark & ~mask) ^ value} and lets the packet go on to the next
 * rule. Listed in the simplest form the pair allows (and, or, xor, set, xset), saved as the pair.
 */
final class MarkTarget implements Target {
    private final int value;
    private final int mask;

    MarkTarget(int value, int mask) {
        this.value = value;
        this.mask = mask;
    }

    @Override
    public int apply(Packet packet) {
        packet.setMark((packet.mark() & ~mask) ^ value);
        return Verdict.CONTINUE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        if (value == 0) {
            out.append(" MARK and ").append(hex(~mask));
        } else if (value == mask) {
            out.append(" MARK or ").append(hex(value));
        } else if (mask == 0) {
            out.append(" MARK xor ").append(hex(value));
        } else if (mask == -1) {
            out.append(" MARK set ").append(hex(value));
        } else {
            out.append(" MARK xset ").append(hex(value)).append('/').append(hex(mask));
        }
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --set-xmark ").append(hex(value)).append('/').append(hex(mask));
    }

    private static String hex(int v) {
        return Numbers.hex(v & 0xFFFFFFFFL);
    }

    /** The packet's mark (skb->mark) is the packet's own; the connection's mark is CONNMARK's. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
