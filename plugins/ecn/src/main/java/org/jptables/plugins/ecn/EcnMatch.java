package org.jptables.plugins.ecn;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_ecn's ecn_mt4: the IPv4 ECN field first, then the TCP flags. The TCP header is read at the
 * header length whatever the fragment offset, and a packet too short for it simply does not
 * match (match_tcp returns false, no hotdrop).
 *
 * @param ect the ECN codepoint asked, -1 when not
 */
record EcnMatch(boolean ece, boolean eceInverted, boolean cwr, boolean cwrInverted, int ect, boolean ectInverted)
        implements Match {
    private static final int ECE_BIT = 0x40;
    private static final int CWR_BIT = 0x80;

    @Override
    public boolean matches(Packet packet) {
        if (ect >= 0 && ((packet.tos() & 3) == ect) == ectInverted) {
            return false;
        }
        if (ece || cwr) {
            int th = packet.transportOffset();
            if (packet.u32(th + 16) < 0) {
                return false;
            }
            int flags = packet.u8(th + 13);
            if (ece && ((flags & ECE_BIT) != 0) == eceInverted) {
                return false;
            }
            if (cwr && ((flags & CWR_BIT) != 0) == cwrInverted) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" ECN match");
        if (ece) {
            out.append(' ').append(eceInverted ? "!" : "").append("ECE");
        }
        if (cwr) {
            out.append(' ').append(cwrInverted ? "!" : "").append("CWR");
        }
        if (ect >= 0) {
            out.append(' ').append(ectInverted ? "!" : "").append("ECT=").append(ect);
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (ece) {
            out.append(eceInverted ? " !" : "").append(" --ecn-tcp-ece");
        }
        if (cwr) {
            out.append(cwrInverted ? " !" : "").append(" --ecn-tcp-cwr");
        }
        if (ect >= 0) {
            out.append(ectInverted ? " !" : "").append(" --ecn-ip-ect ").append(ect);
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
