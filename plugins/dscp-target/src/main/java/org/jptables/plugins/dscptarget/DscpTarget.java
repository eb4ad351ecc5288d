package org.jptables.plugins.dscptarget;

import org.jptables.api.Dsfield;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * dscp_tg (xt_DSCP.c): when the packet's DSCP differs, the TOS byte becomes
 * {@code (tos & 0x03) | dscp << 2} (the ECN bits kept) through ipv4_change_dsfield, which updates
 * the header checksum incrementally. A packet shorter than an IPv4 header is dropped, as
 * skb_ensure_writable fails for it. The packet then goes on with the next rule.
 */
public final class DscpTarget implements Target {
    private static final int IPV4_HEADER = 20;
    private static final int ECN_MASK = 0x03;

    private final int dscp;

    DscpTarget(int dscp) {
        this.dscp = dscp;
    }

    /** The code point set, 0..63. */
    public int dscp() {
        return dscp;
    }

    @Override
    public int apply(Packet p) {
        if (p.length() < IPV4_HEADER) {
            return Verdict.DROP;
        }
        if (p.tos() >>> 2 != dscp) {
            Dsfield.change(p, ECN_MASK, dscp << 2);
        }
        return Verdict.CONTINUE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(String.format(" DSCP set 0x%02x", dscp));
    }

    @Override
    public void save(StringBuilder out) {
        out.append(String.format(" --set-dscp 0x%02x", dscp));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DscpTarget t && t.dscp == dscp;
    }

    @Override
    public int hashCode() {
        return dscp;
    }

    /** It acts on this packet alone and keeps nothing for later packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
