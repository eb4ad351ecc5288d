package org.jptables.plugins.cpu;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_cpu's cpu_mt: the packet's CPU equals the rule's, or differs from it when inverted. A CPU
 * number no host has (up to 2^32-1) is accepted and simply never equal.
 *
 * @param cpu      the CPU number as an unsigned 32-bit value
 * @param inverted whether "!" was given
 */
record CpuMatch(int cpu, boolean inverted) implements Match {
    @Override
    public boolean matches(Packet packet) {
        return (packet.cpu() == cpu) != inverted;
    }

    /** It only reads the packet's CPU. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" cpu ").append(inverted ? "! " : "").append(Integer.toUnsignedString(cpu));
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(" --cpu ").append(Integer.toUnsignedString(cpu));
    }

    /** It reads the CPU the packet is handled on, given per packet. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
