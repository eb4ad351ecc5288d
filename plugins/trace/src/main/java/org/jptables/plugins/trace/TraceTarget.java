package org.jptables.plugins.trace;

import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * Sets the packet's nf_trace and goes on with the next rule. The lines themselves are the
 * kernel's business (ipt_do_table's trace_packet): from the next rule on, in this table and every
 * later one, each rule, return and policy the packet meets writes
 * {@code TRACE: table:chain:type:N } and the packet as LOG writes it.
 */
final class TraceTarget implements Target {
    static final TraceTarget INSTANCE = new TraceTarget();

    private TraceTarget() {
    }

    @Override
    public int apply(Packet packet) {
        packet.trace();
        return Verdict.CONTINUE;
    }

    /** It marks this packet traced, nothing else. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
