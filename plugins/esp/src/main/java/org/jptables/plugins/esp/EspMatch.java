package org.jptables.plugins.esp;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_esp's esp_mt: never matches a fragment; drops a packet whose 8-byte Esp header cannot
 * be read; compares the SPI (at byte 0 of the header) with the range.
 */
record EspMatch(SpiRange spis) implements Match {
    @Override
    public boolean matches(Packet packet) {
        if (packet.fragmentOffset() != 0) {
            return false;
        }
        int th = packet.transportOffset();
        if (packet.u32(th + 8 - 4) < 0) {
            packet.hotdrop();
            return false;
        }
        return spis.matches(packet.u32(th + 0));
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" esp");
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
