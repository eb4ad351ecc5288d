package org.jptables.plugins.tostarget;

import org.jptables.api.Dsfield;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.TosSymbol;
import org.jptables.api.Verdict;

/**
 * tos_tg (xt_DSCP.c): the new TOS byte is {@code (old & ~mask) ^ value}; when it differs it is
 * written through ipv4_change_dsfield, which updates the header checksum incrementally. A packet
 * shorter than an IPv4 header is dropped, as skb_ensure_writable fails for it. The packet then goes
 * on with the next rule.
 */
public final class TosTarget implements Target {
    private static final int IPV4_HEADER = 20;

    private final int value;
    private final int mask;

    TosTarget(int value, int mask) {
        this.value = value;
        this.mask = mask;
    }

    public int value() {
        return value;
    }

    public int mask() {
        return mask;
    }

    @Override
    public int apply(Packet p) {
        if (p.length() < IPV4_HEADER) {
            return Verdict.DROP;
        }
        int orig = p.tos();
        int nv = ((orig & ~mask) ^ value) & 0xFF;
        if (nv != orig) {
            Dsfield.change(p, 0, nv);
        }
        return Verdict.CONTINUE;
    }

    /**
     * tos_tg_print_v1: numeric, the pair; otherwise a symbol under mask 0x3f (sic: printed as
     * {@code " %s%s"}, a space before "TOS" and none before the name), then the and, or and xor
     * forms, else the pair.
     */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        if (format.numeric()) {
            appendPair(out.append(" TOS set "));
            return;
        }
        TosSymbol symbol = TosSymbol.of(value, mask);
        if (symbol != null) {
            out.append("  TOS set").append(symbol.text());
        } else if (value == 0) {
            out.append(String.format(" TOS and 0x%02x", ~mask & 0xFF));
        } else if (value == mask) {
            out.append(String.format(" TOS or 0x%02x", value));
        } else if (mask == 0) {
            out.append(String.format(" TOS xor 0x%02x", value));
        } else {
            appendPair(out.append(" TOS set "));
        }
    }

    @Override
    public void save(StringBuilder out) {
        appendPair(out.append(" --set-tos "));
    }

    private void appendPair(StringBuilder out) {
        out.append(String.format("0x%02x/0x%02x", value, mask));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TosTarget t && t.value == value && t.mask == mask;
    }

    @Override
    public int hashCode() {
        return value * 256 + mask;
    }

    /** It acts on this packet alone and keeps nothing for later packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
