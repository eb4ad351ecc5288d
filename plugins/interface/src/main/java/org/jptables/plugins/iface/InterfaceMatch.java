package org.jptables.plugins.iface;

import org.jptables.api.Constraints;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.RuleHeader;
import org.jptables.api.StateScope;

/**
 * The interfaces of the rule header (ip_packet_match's iniface/outiface comparison). It prints
 * and saves nothing itself: the kernel renders the header from {@link #describe}.
 */
final class InterfaceMatch implements Match {
    /** null when the rule names no such interface (the kernel's all-zero mask: always equal). */
    private final InterfaceName in;
    private final InterfaceName out;

    InterfaceMatch(InterfaceName in, InterfaceName out) {
        this.in = in;
        this.out = out;
    }

    @Override
    public boolean matches(Packet packet) {
        return (in == null || in.matches(packet.inInterface()))
                && (out == null || out.matches(packet.outInterface()));
    }

    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        constraints.complete();
        if (in != null) {
            constraints.inInterface(in.compared(), in.isPrefix(), in.inverted());
        }
        if (out != null) {
            constraints.outInterface(out.compared(), out.isPrefix(), out.inverted());
        }
    }

    @Override
    public void describe(RuleHeader header) {
        if (in != null) {
            header.inInterface(in.text(), in.inverted());
        }
        if (out != null) {
            header.outInterface(out.text(), out.inverted());
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
