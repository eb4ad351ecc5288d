package org.jptables.plugins.ah;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * ipt_ah's ah_mt: never matches a fragment; drops a packet whose 12-byte Ah header cannot
 * be read; compares the SPI (at byte 4 of the header) with the range.
 */
record AhMatch(SpiRange spis) implements Match {
    @Override
    public boolean matches(Packet packet) {
        if (packet.fragmentOffset() != 0) {
            return false;
        }
        int th = packet.transportOffset();
        if (packet.u32(th + 12 - 4) < 0) {
            packet.hotdrop();
            return false;
        }
        return spis.matches(packet.u32(th + 4));
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" ah ");
        spis.print(out);
    }

    @Override
    public void save(StringBuilder out) {
        spis.save(out);
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
