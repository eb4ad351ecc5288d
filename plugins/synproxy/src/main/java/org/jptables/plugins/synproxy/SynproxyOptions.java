package org.jptables.plugins.synproxy;

import org.jptables.api.Packet;

/**
 * The TCP options SYNPROXY reads and writes (struct synproxy_options), packed into a {@code long}
 * so that the per-packet path allocates nothing: bits 0-7 the option bits, 8-15 the window scale,
 * 16-31 the MSS, 32-63 the offset of the timestamp option's TSval in the packet (0: none).
 */
final class SynproxyOptions {
    /** XT_SYNPROXY_OPT_MSS and the others, as the kernel numbers them. */
    static final int MSS = 0x01;
    static final int WSCALE = 0x02;
    static final int SACK_PERM = 0x04;
    static final int TIMESTAMP = 0x08;
    static final int ECN = 0x10;

    /** TCP_MAX_WSCALE: a larger shift is read as 14. */
    static final int MAX_WSCALE = 14;

    /** synproxy_parse_options could not read the options: the packet is dropped. */
    static final long UNREADABLE = -1;

    private SynproxyOptions() {
    }

    static int bits(long opts) {
        return (int) opts & 0xFF;
    }

    static int wscale(long opts) {
        return (int) (opts >>> 8) & 0xFF;
    }

    static int mss(long opts) {
        return (int) (opts >>> 16) & 0xFFFF;
    }

    static int timestampAt(long opts) {
        return (int) (opts >>> 32);
    }

    static long pack(int bits, int wscale, int mss, int timestampAt) {
        return (bits & 0xFFL) | (wscale & 0xFFL) << 8 | (mss & 0xFFFFL) << 16 | (long) timestampAt << 32;
    }

    /**
     * synproxy_parse_options: MSS, window scale (at most 14), SACK permitted and timestamps of the
     * TCP header at {@code th}, each only in its exact length; a malformed option ends the walk
     * with what was found so far. {@link #UNREADABLE} when the header's options are cut off.
     */
    static long parse(Packet p, int th) {
        int length = (p.u8(th + 12) >>> 4) * 4 - 20;
        if (length > 0 && p.u8(th + 20 + length - 1) < 0) {
            return UNREADABLE;
        }
        int bits = 0;
        int wscale = 0;
        int mss = 0;
        int timestampAt = 0;
        int at = th + 20;
        while (length > 0) {
            int kind = p.u8(at++);
            if (kind == 0) {
                break;
            }
            if (kind == 1) {
                length--;
                continue;
            }
            int size = p.u8(at++);
            if (size < 2 || size > length) {
                break;
            }
            switch (kind) {
                case 2 -> {
                    if (size == 4) {
                        mss = p.u16(at);
                        bits |= MSS;
                    }
                }
                case 3 -> {
                    if (size == 3) {
                        wscale = Math.min(p.u8(at), MAX_WSCALE);
                        bits |= WSCALE;
                    }
                }
                case 8 -> {
                    if (size == 10) {
                        timestampAt = at;
                        bits |= TIMESTAMP;
                    }
                }
                case 4 -> {
                    if (size == 2) {
                        bits |= SACK_PERM;
                    }
                }
                default -> {
                }
            }
            at += size - 2;
            length -= size;
        }
        return pack(bits, wscale, mss, timestampAt);
    }

    /** synproxy_options_size: the bytes {@link #write} takes, a multiple of 4. */
    static int size(int bits) {
        int size = 0;
        if ((bits & MSS) != 0) {
            size += 4;
        }
        if ((bits & TIMESTAMP) != 0) {
            size += 12;
        } else if ((bits & SACK_PERM) != 0) {
            size += 4;
        }
        if ((bits & WSCALE) != 0) {
            size += 4;
        }
        return size;
    }

    /**
     * synproxy_build_options: MSS; SACK permitted folded into the timestamp's padding, or alone
     * after two NOPs; the window scale after a NOP. Returns the offset after the last.
     */
    static int write(byte[] b, int at, int bits, int mss, int wscale, int tsval, int tsecr) {
        if ((bits & MSS) != 0) {
            at = word(b, at, 2 << 24 | 4 << 16 | mss);
        }
        if ((bits & TIMESTAMP) != 0) {
            at = word(b, at, ((bits & SACK_PERM) != 0 ? 4 << 24 | 2 << 16 : 1 << 24 | 1 << 16) | 8 << 8 | 10);
            at = word(b, at, tsval);
            at = word(b, at, tsecr);
        } else if ((bits & SACK_PERM) != 0) {
            at = word(b, at, 1 << 24 | 1 << 16 | 4 << 8 | 2);
        }
        if ((bits & WSCALE) != 0) {
            at = word(b, at, 1 << 24 | 3 << 16 | 3 << 8 | wscale);
        }
        return at;
    }

    static int word(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
        return at + 4;
    }
}
