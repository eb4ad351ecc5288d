package org.jptables.plugins.nfqueue;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * The kernel queues the packet to a userspace program and waits for its verdict. Offline no
 * program listens on any queue, and the kernel's answer for that (nf_queue finds no instance,
 * -ESRCH) is to drop the packet, or with {@code --queue-bypass} to let it go on as if this table
 * had accepted it (the next table and hook still see it). Which of the balanced queues a packet
 * would go to does not matter when none listens.
 *
 * @param first  the queue number, or the first of the balanced queues
 * @param total  how many queues (1 for --queue-num)
 * @param bypass --queue-bypass
 * @param fanout --queue-cpu-fanout
 */
public record NfqueueTarget(int first, int total, boolean bypass, boolean fanout) implements Target {
    @Override
    public int apply(Packet packet) {
        return bypass ? Verdict.ACCEPT : Verdict.DROP;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        if (total > 1) {
            out.append(" NFQUEUE balance ").append(first).append(':').append(first + total - 1);
        } else {
            out.append(" NFQUEUE num ").append(first);
        }
        flags(out, " bypass", " cpu-fanout");
    }

    @Override
    public void save(StringBuilder out) {
        if (total > 1) {
            out.append(" --queue-balance ").append(first).append(':').append(first + total - 1);
        } else {
            out.append(" --queue-num ").append(first);
        }
        flags(out, " --queue-bypass", " --queue-cpu-fanout");
    }

    private void flags(StringBuilder out, String bypassText, String fanoutText) {
        if (bypass) {
            out.append(bypassText);
        }
        if (fanout) {
            out.append(fanoutText);
        }
    }

    /**
     * The queue's verdict is per packet (the bypass and fail-open rules included); queue balancing hashes
     * the packet's own addresses.
     */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
