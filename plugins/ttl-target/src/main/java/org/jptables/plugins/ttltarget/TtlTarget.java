package org.jptables.plugins.ttltarget;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * ttl_tg (xt_HL.c): the new TTL is the value, or the old one plus or minus it held to 0..255;
 * when it differs, the header checksum is updated incrementally (csum_replace2 of the TTL byte)
 * and the TTL written. A packet shorter than an IPv4 header is dropped, as skb_ensure_writable
 * fails for it. The packet then goes on with the next rule.
 */
public final class TtlTarget implements Target {
    private static final int IPV4_HEADER = 20;
    private static final int TTL = 8;
    private static final int CHECK = 10;

    private final TtlMode mode;
    private final int value;

    TtlTarget(TtlMode mode, int value) {
        this.mode = mode;
        this.value = value;
    }

    @Override
    public int apply(Packet p) {
        if (p.length() < IPV4_HEADER) {
            return Verdict.DROP;
        }
        int old = p.ttl();
        int ttl = switch (mode) {
            case SET -> value;
            case INC -> Math.min(old + value, 255);
            case DEC -> Math.max(old - value, 0);
        };
        if (ttl != old) {
            p.setU16(CHECK, csumReplace2(p.u16(CHECK), old << 8, ttl << 8));
            p.setU16(TTL, (ttl << 8) | p.u8(TTL + 1));
        }
        return Verdict.CONTINUE;
    }

    /** csum_replace2: the checksum after a 16-bit word it covers changed from {@code from} to {@code to} (RFC 1624, eqn. 3). */
    static int csumReplace2(int checksum, int from, int to) {
        int sum = (~checksum & 0xFFFF) + (~from & 0xFFFF) + (to & 0xFFFF);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return ~sum & 0xFFFF;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(mode.listed).append(value);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(mode.saved).append(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TtlTarget t && t.mode == mode && t.value == value;
    }

    @Override
    public int hashCode() {
        return mode.hashCode() * 31 + value;
    }

    /** It acts on this packet alone and keeps nothing for later packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
