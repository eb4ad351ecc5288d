package org.jptables.plugins.quota;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.RuleException;
import org.jptables.api.StateScope;

/**
 * xt_quota's quota_mt: while the bytes left cover the packet (skb->len, the IPv4 total length)
 * they are spent and the packet matches; the first packet they do not cover empties the quota,
 * so that no later packet, however small, matches. "!" inverts the answer. The count lives in
 * the rule (the kernel's xt_quota_priv): -L shows the quota given, not what is left.
 */
final class QuotaMatch implements Match {
    private static final BigInteger U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final long quota;
    private final boolean inverted;
    /** Bytes left, unsigned 64-bit. */
    private final AtomicLong left;

    QuotaMatch(long quota, boolean inverted) {
        this.quota = quota;
        this.inverted = inverted;
        this.left = new AtomicLong(quota);
    }

    /** XTTYPE_UINT64: xtables_strtoul over the whole word (blanks, "+", base 0, no minus), up to 2^64-1. */
    static long parse(String text) throws RuleException {
        int i = 0;
        int n = text.length();
        while (i < n && (text.charAt(i) == ' ' || text.charAt(i) >= '\t' && text.charAt(i) <= '\r')) {
            i++;
        }
        if (i < n && text.charAt(i) == '+') {
            i++;
        }
        int radix = 10;
        if (i + 2 < n && text.charAt(i) == '0' && (text.charAt(i + 1) | 0x20) == 'x'
                && Character.digit(text.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && text.charAt(i) == '0') {
            radix = 8;
        }
        BigInteger v = BigInteger.ZERO;
        int start = i;
        for (; i < n; i++) {
            char c = text.charAt(i);
            int d = c < 128 ? Character.digit(c, radix) : -1;
            if (d < 0) {
                break;
            }
            v = v.multiply(BigInteger.valueOf(radix)).add(BigInteger.valueOf(d));
        }
        if (i == start || i != n || v.compareTo(U64) > 0) {
            throw new RuleException(
                    "quota: bad value for option \"--quota\", or out of range (0-18446744073709551615).\n");
        }
        return v.longValue();
    }

    @Override
    public boolean matches(Packet packet) {
        long len = packet.totalLength() & 0xFFFFFFFFL;
        while (true) {
            long now = left.get();
            boolean covered = Long.compareUnsigned(now, len) >= 0;
            long next = covered ? now - len : 0;
            if (left.compareAndSet(now, next)) {
                return covered != inverted;
            }
        }
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" quota: ").append(Long.toUnsignedString(quota)).append(" bytes");
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(" --quota ").append(Long.toUnsignedString(quota));
    }

    /** One byte counter per rule, spent by every connection's packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
