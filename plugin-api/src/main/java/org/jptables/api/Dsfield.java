package org.jptables.api;

/**
 * ipv4_change_dsfield (include/net/dsfield.h): the IPv4 TOS byte rewritten as {@code (tos & mask) |
 * value}, the header checksum adjusted incrementally exactly as the kernel adjusts it, for the
 * targets that write the DS field (DSCP, TOS, ECN).
 */
public final class Dsfield {
    private static final int CHECK = 10;

    private Dsfield() {
    }

    /** Rewrites the TOS byte of {@code p} to {@code (tos & mask) | value}; the caller checked the header is there. */
    public static void change(Packet p, int mask, int value) {
        int tos = p.tos();
        int dsfield = ((tos & mask) | value) & 0xFF;
        int check = p.u16(CHECK);
        check += tos;
        if (((check + 1) >>> 16) != 0) {
            check = (check + 1) & 0xFFFF;
        }
        check -= dsfield;
        check += check >>> 16;
        p.setU16(CHECK, check & 0xFFFF);
        p.setU16(0, (p.u8(0) << 8) | dsfield);
    }
}
