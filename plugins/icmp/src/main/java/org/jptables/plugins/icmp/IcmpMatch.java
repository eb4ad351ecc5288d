package org.jptables.plugins.icmp;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/** ip_tables' icmp_match: fragments never match, a packet without its 8-byte ICMP header is dropped. */
record IcmpMatch(IcmpType icmp, boolean inverted) implements Match {
    private static final int HEADER = 8;

    @Override
    public boolean matches(Packet packet) {
        if (packet.fragmentOffset() != 0) {
            return false;
        }
        int ih = packet.transportOffset();
        if (packet.u32(ih + HEADER - 4) < 0) {
            packet.hotdrop();
            return false;
        }
        return icmp.matches(packet.u8(ih), packet.u8(ih + 1)) != inverted;
    }

    /** Pure on a whole 8-byte header, which a classifiable ICMP packet has. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    /**
     * {@code " icmp echo-request"} with names; numeric (or unnamed) {@code " icmptype 8"}: iptables
     * prints "type" right after "icmp" without a space, unless inverted ({@code " icmp !type 8"}).
     */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" icmp");
        if (!format.numeric()) {
            String name = IcmpTypes.nameOf(icmp.type(), icmp.codeMin(), icmp.codeMax());
            if (name != null) {
                out.append(' ').append(inverted ? "!" : "").append(name);
                return;
            }
        }
        if (inverted) {
            out.append(" !");
        }
        out.append("type ").append(icmp.type());
        if (icmp.codeMin() == icmp.codeMax()) {
            out.append(" code ").append(icmp.codeMin());
        } else if (icmp.codeMin() != 0 || icmp.codeMax() != 0xFF) {
            out.append(" codes ").append(icmp.codeMin()).append('-').append(icmp.codeMax());
        }
    }

    /** {@code " --icmp-type 8"}, {@code " --icmp-type 3/4"}; type 255 is saved as "any" whatever its codes. */
    @Override
    public void save(StringBuilder out) {
        if (inverted) {
            out.append(" !");
        }
        if (icmp.type() == IcmpTypes.ANY) {
            out.append(" --icmp-type any");
            return;
        }
        out.append(" --icmp-type ").append(icmp.type());
        if (icmp.codeMin() != 0 || icmp.codeMax() != 0xFF) {
            out.append('/').append(icmp.codeMin());
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
